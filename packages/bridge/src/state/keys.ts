import { KEY_PREFIX } from '@bridge/runtime';

/** Every key of the state store, in one place. Tenants are keyed by their accessId. */
export const keys = {
  catalog: (tenant: string) => `${KEY_PREFIX}:catalog:${tenant}`,
  catalogError: (tenant: string) => `${KEY_PREFIX}:catalog-error:${tenant}`,
};
