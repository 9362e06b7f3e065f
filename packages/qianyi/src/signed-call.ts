import { computeSign } from './sign';

/**
 * The body of one call as Qianyi sends it (reference §2): `content` is the JSON text exactly as given, signed
 * over accessId and that text with the tenant's secret. An empty content is sent as "" and signed without it,
 * as Qianyi does for `warehouses` and `channels`.
 */
export function signedCallBody(accessId: string, secretKey: string, method: string, content: string): string {
  const sign = computeSign(accessId, content === '' ? undefined : content, secretKey);
  return JSON.stringify({ accessId, method, content, sign });
}
