/** eTower refused the inbound order for good (or it could not be sent); already recorded. The job must not retry. */
export class AsnRefusedError extends Error {
  override name = 'AsnRefusedError';
}
