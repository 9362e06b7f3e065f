/**
 * eTower said the order exists (duplicate) or gave no answer for it, yet orderList does not show it. Usually
 * replication lag on eTower's side: retried, never reported to Qianyi as a failure.
 */
export class OrderNotVisibleError extends Error {
  override name = 'OrderNotVisibleError';
}
