import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Caps how much V8 lets the old generation grow past what survived the last major GC (1 + percent/100 times).
 * Not a heap limit: a 20 MB label still gets the memory it needs, the heap just returns to its working size
 * sooner. V8 reads the flag at every GC, so it applies when set at start-up; NODE_OPTIONS does not accept it.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.floor(percent)}`);
}

/**
 * One full GC once start-up is done, for a process whose heap growth is capped (`percent` > 0). The cap applies
 * to limits V8 computes after a major GC; before the first one the old generation may grow to V8's initial limit,
 * so a fresh ingress under a flood peaked at 140–156 MB before its first major GC and then ran at ~125 MB
 * (bench/RESULTS.md). After this GC the first limit already comes from what start-up left alive.
 * `gc` is exposed in a throwaway context only: the process's own global never gets it.
 */
export function settleHeapAfterStartup(percent: number): void {
  if (percent <= 0) return;
  setFlagsFromString('--expose-gc');
  // Should a Node version ignore the late flag, the process starts as before instead of failing.
  const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  gc?.();
}
