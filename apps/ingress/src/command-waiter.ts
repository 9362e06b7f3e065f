import { readJobResult, type JobControl, type JobName, type JobRef, type ReadJobResult } from '@bridge/core';

/** How a wait for a command's job ended. */
export type WaitOutcome<N extends JobName = JobName> =
  | { state: 'completed'; result: ReadJobResult<N> }
  /**
   * Finished, with a result this version cannot read (a worker of another version wrote it): the outcome is
   * unknown here; the document's record has it.
   */
  | { state: 'unreadable'; issue: string }
  | { state: 'failed'; reason: string }
  /** Still queued or retrying when the wait ran out: the outcome follows later. */
  | { state: 'pending' };

/** Waits up to SYNC_WAIT_MS for a command's job (through the job layer's event streams). */
export class CommandWaiter {
  constructor(
    private readonly jobs: JobControl,
    private readonly waitMs: number,
  ) {}

  async wait<N extends JobName>(job: JobRef<N>, waitMs = this.waitMs): Promise<WaitOutcome<N>> {
    const outcome = await this.jobs.wait(job, waitMs);
    if (outcome.state !== 'completed') return outcome;
    const read = readJobResult(job.name, outcome.result);
    return read.ok ? { state: 'completed', result: read.result } : { state: 'unreadable', issue: read.issue };
  }

  async close(): Promise<void> {
    await this.jobs.close();
  }
}
