import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8 pretenure (allocate straight into the old generation the objects of an allocation site whose objects
 * tend to survive a minor GC), or stops it. In the ingress it misfires: a pretenured per-call object that has died
 * still points at younger objects of its call, a minor GC takes every old-to-young pointer as live, so the call's
 * garbage survives, is promoted, and the site's objects look long-lived again. Off, the ingress promotes half as much
 * and runs half as many full GCs, and its p99 at half load was 19 % lower against bare node:http's (bench/RESULTS.md,
 * fourth and fifth rounds of 2026-12-03: sixteen alternated pairs). V8 reads the flag at every minor GC, so it applies when set at start-up; NODE_OPTIONS
 * refuses it.
 */
export function allowPretenuring(allowed: boolean): void {
  if (!allowed) setFlagsFromString('--no-allocation-site-pretenuring');
}
