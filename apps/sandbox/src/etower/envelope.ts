// Envelopes exactly as eTower prints them (reference §2.1), "" quirks included.

export interface ErrorItem {
  code: string;
  message: string;
}

export function okEnvelope(data: unknown): Record<string, unknown> {
  return { code: '0', data, errors: '', message: '', messageId: '', success: true, warnList: '' };
}

export function failEnvelope(
  code: string,
  message: string,
  errors: ErrorItem[] = [],
  data: unknown = '',
): Record<string, unknown> {
  return { code, data, errors: errors.length ? errors : '', message, messageId: '', success: false, warnList: '' };
}

/** Per-item refusal inside createOrders / product/create answers (seed: code "00005", "paramter error" sic). */
export function itemRefusal(data: unknown, errors: ErrorItem[]): Record<string, unknown> {
  return failEnvelope('00005', 'paramter error', errors, data);
}

/** Whole-request validation failure, as confirm documents it: code "3". */
export function parametersError(detail: string): Record<string, unknown> {
  return failEnvelope('3', 'parameters error, please contact the administrator', [{ code: '3', message: detail }]);
}

// Codes the sandbox invents where eTower's are unknown. They start with SBX so nobody mistakes them for real ones.
export const SANDBOX_CODES = {
  /** A mandatory field is missing or invalid; the message names the field. */
  missingField: 'SBX001',
  /** A SKU that was neither seeded nor created. */
  unknownSku: 'SBX002',
  /** An order number / warehouse that does not exist. */
  notFound: 'SBX003',
} as const;

export const duplicateError = (field: string, value: string): ErrorItem => ({
  code: '600904',
  message: `${field}:${value},Already exists in the system`,
});
