/**
 * BullMQ job ids may not contain ':' (its key separator) and must not be all digits (those are its own
 * auto-increment ids). Business keys come from Qianyi and may contain anything, so each part is escaped
 * reversibly: '%' and ':' are percent-encoded, and the result always starts with a letter.
 */
export function jobId(kind: string, ...parts: string[]): string {
  return [kind, ...parts.map((p) => p.replace(/%/g, '%25').replace(/:/g, '%3A'))].join('-');
}
