/**
 * What Bull Board shows of a job's data. Labels (Base64 PDFs), signs, secrets, keys and tokens are replaced
 * outright; recipients' phone numbers and e-mail addresses are masked so an operator can still tell two
 * orders apart. Works on a copy at any depth: the formatter gets the job's own parsed data, and the job
 * stored in Redis must stay whole so that a retry sends what Qianyi sent.
 */
export const REDACTED = '[redacted]';

// Whole values that must never be shown: label documents, and anything that signs or authenticates.
const SECRET_NAMES = /^(sign|signature|label|labelData|attachData|authorization|cookie|password|passwd)$/i;
// Suffixes cover secretKey, apiKey, accessToken, clientSecret... but not accessId (an identifier, needed to debug).
const SECRET_SUFFIX = /(secret|token|key|password)$/i;
const PHONE_NAMES = /(phone|mobile|tel|telephone|fax)$/i;
const EMAIL_NAMES = /e-?mail$/i;

/** `13812345188` → `138****5188`; short numbers keep only their last two digits. */
export function maskPhone(value: string): string {
  const s = value.trim();
  if (s.length >= 8) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (s.length <= 2) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 2)}${s.slice(-2)}`;
}

/** `kate@example.com` → `k***@example.com`; a value without a domain is masked whole. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return REDACTED;
  return `${value[0]}***${value.slice(at)}`;
}

function redactField(name: string, value: unknown, depth: number): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (SECRET_NAMES.test(name) || SECRET_SUFFIX.test(name)) return REDACTED;
  if (typeof value === 'string' || typeof value === 'number') {
    if (PHONE_NAMES.test(name)) return maskPhone(String(value));
    if (EMAIL_NAMES.test(name)) return maskEmail(String(value));
  }
  return redactValue(value, depth + 1);
}

const MAX_DEPTH = 32;

export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return REDACTED; // a pathological payload is hidden rather than walked forever
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactField(k, v, depth);
    return out;
  }
  return value;
}
