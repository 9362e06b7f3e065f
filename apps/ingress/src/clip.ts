/** The most of a value from a call that has not verified that the ingress repeats, in an answer or a log line. */
export const UNVERIFIED_ECHO_CHARS = 200;

/**
 * Cuts a value the caller chose before its sign was checked, so that a 5 MB accessId or method name costs a
 * 200-character answer and log line, not a 5 MB one.
 */
export function clip(value: string, max = UNVERIFIED_ECHO_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}
