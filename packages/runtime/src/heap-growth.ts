import { setFlagsFromString } from 'node:v8';

/**
 * Caps how much V8 lets the old generation grow past what survived the last major GC (1 + percent/100 times).
 * Not a heap limit: a 20 MB label still gets the memory it needs, the heap just returns to its working size
 * sooner. V8 reads the flag at every GC, so it applies when set at start-up; NODE_OPTIONS does not accept it.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.floor(percent)}`);
}
