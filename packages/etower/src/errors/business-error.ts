import { EtowerError } from './etower-error';

export interface EtowerErrorItem {
  code: string;
  message: string;
}

/** eTower's codes for "this referenceNo / sku already exists" (two wordings seen on the create-orders page). */
export const DUPLICATE_CODES: ReadonlySet<string> = new Set(['600904', '600222']);

export function isDuplicateRefusal(code: string, errors: readonly EtowerErrorItem[], messagePattern?: RegExp): boolean {
  if (DUPLICATE_CODES.has(code) || errors.some((e) => DUPLICATE_CODES.has(e.code))) return true;
  return messagePattern !== undefined && errors.some((e) => messagePattern.test(e.message));
}

/** `eTower refused (600906): warehouseServiceName:X ,Does not exist ...` — what a human reads as failedReason. */
export function describeRefusal(code: string, message: string, errors: readonly EtowerErrorItem[]): string {
  const detailed = errors.filter((e) => e.code || e.message);
  if (detailed.length === 0) return `eTower refused (${code || 'no code'}): ${message || 'no message'}`;
  const first = detailed[0]!;
  const rest = detailed.slice(1).map((e) => `${e.code}: ${e.message}`);
  return `eTower refused (${first.code || code}): ${[first.message, ...rest].join('; ')}`;
}

/**
 * The envelope said `success:false`: eTower read the request and refused it. Never retryable; the job is
 * recorded as failed with `.message` as the reason. eTower's own fields are kept verbatim: `code`,
 * `etowerMessage` (the envelope's `message`, since Error#message is the human sentence) and `errors`.
 */
export class EtowerBusinessError extends EtowerError {
  readonly code: string;
  readonly etowerMessage: string;
  readonly errors: EtowerErrorItem[];
  /** Refused because the referenceNo / sku already exists (600904, 600222): usually means "already done". */
  readonly duplicate: boolean;

  constructor(endpoint: string, code: string, etowerMessage: string, errors: EtowerErrorItem[], duplicate?: boolean) {
    super(describeRefusal(code, etowerMessage, errors), { endpoint, retryable: false, kind: 'business' });
    this.code = code;
    this.etowerMessage = etowerMessage;
    this.errors = errors;
    this.duplicate = duplicate ?? isDuplicateRefusal(code, errors);
  }

  /** The most specific code: the first detailed error's code, else the envelope's. */
  get primaryCode(): string {
    return this.errors.find((e) => e.code)?.code ?? this.code;
  }
}
