import type { JobControl, JobOutcome, JobRef } from '@bridge/core';

export type WaitOutcome = JobOutcome;

/** Waits up to SYNC_WAIT_MS for a command's job (through the job layer's event streams). */
export class CommandWaiter {
  constructor(
    private readonly jobs: JobControl,
    private readonly waitMs: number,
  ) {}

  wait(job: JobRef, waitMs = this.waitMs): Promise<WaitOutcome> {
    return this.jobs.wait(job, waitMs);
  }

  async close(): Promise<void> {
    await this.jobs.close();
  }
}
