import { setFlagsFromString } from 'node:v8';

/** The V8 flag that stops allocation-site pretenuring; V8 reads it at every minor GC, so it applies when set late. */
const NO_PRETENURING_FLAG = '--no-allocation-site-pretenuring';

/**
 * Lets V8 pretenure (allocate straight into the old generation the objects of an allocation site whose objects
 * tend to survive a minor GC), or stops it. In the ingress it misfires: a pretenured per-call object that has died
 * still points at the call's young objects, a minor GC takes every old-to-young pointer as live, so the call's
 * garbage survives and is promoted, and the next minor GC sees the site's objects "survive" again. Measured under
 * createOrder calls: promotion halves without it, minor GCs pause ~40 % shorter, fewer full GCs, 6-10 % fewer
 * instructions per call (bench/RESULTS.md, seventh round). Set at start-up: NODE_OPTIONS refuses the flag.
 */
export function allowPretenuring(allowed: boolean): void {
  if (!allowed) setFlagsFromString(NO_PRETENURING_FLAG);
}
