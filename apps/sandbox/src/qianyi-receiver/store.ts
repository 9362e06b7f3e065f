// In-memory record of what the fake Qianyi endpoint received, plus the fault it is told to fake.
// Arrays are mutated in place so that references handed out (createQianyiReceiver().pushes) stay live.
import type { PushAsnInfoContent, PushOrderInfoContent, SignCandidate } from '@bridge/qianyi';

interface ReceivedBase {
  seq: number;
  type: string;
  accessId: string;
  method: string;
  /** The content string exactly as it arrived (and was signed). */
  raw: string;
  signCandidate: SignCandidate;
  receivedAt: string;
}
export type PushBody = { kind: 'order'; content: PushOrderInfoContent } | { kind: 'asn'; content: PushAsnInfoContent };
export type ReceivedPush = ReceivedBase & PushBody;

export interface RejectedPush {
  seq: number;
  kind: 'order' | 'asn';
  type: string;
  accessId?: string | undefined;
  method?: string | undefined;
  reason: string;
  /** HTTP status the sandbox answered with (200 for protocol refusals, 503 for the "down" fault). */
  httpStatus: number;
  receivedAt: string;
}

export type FaultMode = 'down' | 'success-false' | 'slow';
export interface Fault {
  mode: FaultMode;
  /** Pushes still to be affected; undefined = until cleared. */
  remaining: number | undefined;
  delayMs: number;
}

export class PushStore {
  readonly pushes: ReceivedPush[] = [];
  readonly rejected: RejectedPush[] = [];
  private fault: Fault | undefined;
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  clear(): void {
    this.pushes.length = 0;
    this.rejected.length = 0;
  }

  setFault(fault: Fault): void {
    this.fault = fault;
  }

  clearFault(): void {
    this.fault = undefined;
  }

  currentFault(): Fault | undefined {
    return this.fault;
  }

  /** The fault that applies to the push arriving now, counting it against `remaining`. */
  takeFault(): Fault | undefined {
    const fault = this.fault;
    if (fault === undefined) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.fault = undefined;
    }
    return fault;
  }
}
