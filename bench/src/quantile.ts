/** The value at quantile `q` (0..1) of values sorted ascending, 0 for none: the nearest-rank value, no interpolation. */
export const quantileOf = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Milliseconds to one decimal, as the latency tables print them. */
export const toTenths = (ms: number): number => Math.round(ms * 10) / 10;
