/**
 * A job or call names a tenant this process was not configured with: removed from the configuration (its Job
 * Schedulers may still be in Redis), or added in a newer configuration this process does not have yet.
 */
export class UnknownTenantError extends Error {
  override name = 'UnknownTenantError';

  constructor(readonly tenant: string) {
    super(`unknown tenant ${tenant}: it is not in the configuration of this process`);
  }
}
