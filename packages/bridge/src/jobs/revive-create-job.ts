/** A document's create job, seen without BullMQ types: its state, and a way to run it again. */
export interface CreateJobs {
  state(id: string): Promise<string | undefined>;
  retry(id: string, from: 'failed' | 'completed'): Promise<void>;
}

const JOB_ALIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** How long a document may sit in received/creating before a poller looks at its create job. */
export const STUCK_AFTER_MS = 10000;

/**
 * For a document still in received/creating: its create job is alive (wait), or it ended without settling the
 * document (its worker died on the last attempt, or stalled twice, or outran its timeout) and is run again, or
 * it is gone (it held the document's content, so it cannot be rebuilt). A create job reads eTower back before
 * creating, so running it again can never create twice.
 */
export async function reviveCreateJob(id: string, jobs: CreateJobs): Promise<'alive' | 'retried' | 'lost'> {
  const state = await jobs.state(id);
  if (state && JOB_ALIVE.has(state)) return 'alive';
  if (state === 'failed' || state === 'completed') {
    await jobs.retry(id, state);
    return 'retried';
  }
  return 'lost';
}
