/** eTower refused the order for good; already recorded as FAILED and pushed. The job must not retry. */
export class OrderRefusedError extends Error {
  override name = 'OrderRefusedError';
}
