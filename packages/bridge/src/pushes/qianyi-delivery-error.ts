/** Qianyi did not take a push (down, slow, or answered something other than success). Always worth retrying. */
export class QianyiDeliveryError extends Error {
  override name = 'QianyiDeliveryError';
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}
