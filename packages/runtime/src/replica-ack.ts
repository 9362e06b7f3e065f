import type { Redis } from 'ioredis';
import { bridgeNode } from './bridge-node';
import { KEY_PREFIX } from './redis';

/**
 * Written before every WAIT. WAIT waits for the replicas to reach the offset of *its connection's* last write; a
 * write just before it on the same connection moves that offset to everything the primary holds, whoever wrote it.
 * So one WAIT covers a retried call whose record another ingress wrote, and the writes of BullMQ's own
 * connections. One small counter, never read, never removed (it stays a few bytes).
 */
export const REPLICATION_PROBE_KEY = `${KEY_PREFIX}:replication-probe`;

export type ReplicaAckResult = { ok: true; acked: number } | { ok: false; acked: number; wanted: number };

/** Fewer replicas than REDIS_MIN_REPLICAS_ACK confirmed in time: tell nobody anything yet (503 / retry the job). */
export class ReplicasNotConfirmedError extends Error {
  override name = 'ReplicasNotConfirmedError';
  constructor(
    readonly acked: number,
    readonly wanted: number,
    readonly timeoutMs: number,
  ) {
    super(`only ${acked} of the ${wanted} Redis replica(s) required confirmed the write within ${timeoutMs} ms`);
  }
}

const noop = () => undefined;

/**
 * "Acknowledged means replicated" (REDIS_MIN_REPLICAS_ACK): confirm() resolves once `replicas` replicas hold every
 * write this process finished before calling it. Calls are grouped: at most one WAIT is in flight per process and
 * every caller arriving meanwhile shares the next one, so fifty concurrent calls cost two WAITs, not fifty (WAIT
 * blocks its connection, which the request path shares, until the replicas answer).
 */
export class ReplicaAck {
  private inFlight: Promise<ReplicaAckResult> | undefined;
  private next: Promise<ReplicaAckResult> | undefined;

  constructor(
    private readonly redis: Redis,
    readonly replicas: number,
    readonly timeoutMs: number,
  ) {}

  confirm(): Promise<ReplicaAckResult> {
    if (this.replicas === 0) return Promise.resolve({ ok: true, acked: 0 });
    if (!this.inFlight) return this.start();
    // The WAIT in flight may have left before this caller's writes: it cannot vouch for them. Share the next one.
    this.next ??= this.inFlight.then(noop, noop).then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  /** confirm(), throwing ReplicasNotConfirmedError when the replicas did not all answer in time. */
  async require(): Promise<void> {
    const result = await this.confirm();
    if (!result.ok) throw new ReplicasNotConfirmedError(result.acked, result.wanted, this.timeoutMs);
  }

  private start(): Promise<ReplicaAckResult> {
    const round: Promise<ReplicaAckResult> = this.round().finally(() => {
      if (this.inFlight === round) this.inFlight = undefined;
    });
    this.inFlight = round;
    return round;
  }

  private async round(): Promise<ReplicaAckResult> {
    const node = await this.primary();
    if (!node) return { ok: false, acked: 0, wanted: this.replicas };
    try {
      // Sent back to back on one connection: Redis runs them in this order, so the WAIT covers the INCR.
      const [, acked] = await Promise.all([
        node.incr(REPLICATION_PROBE_KEY),
        node.call('WAIT', this.replicas, this.timeoutMs) as Promise<number>,
      ]);
      return acked >= this.replicas ? { ok: true, acked } : { ok: false, acked, wanted: this.replicas };
    } catch (err) {
      // A cluster moved the slot between our look-up and the command: not confirmed, the next round looks again.
      if (/^(MOVED|ASK) /.test((err as Error).message ?? '')) return { ok: false, acked: 0, wanted: this.replicas };
      throw err;
    }
  }

  /** The primary holding the bridge's keys (WAIT names no key: in a cluster it must go to the slot's primary). */
  private primary(): Promise<Redis | undefined> {
    return bridgeNode(this.redis);
  }
}
