import { isAlive, type JobControl, type JobRef, type JobState } from './job-control';

/** A document's create job as the pollers see it, by document number: its state, and a way to run it again. */
export interface CreateJobs {
  state(documentNumber: string): Promise<JobState | undefined>;
  retry(documentNumber: string, from: 'failed' | 'completed'): Promise<void>;
}

/** The create jobs of one kind and tenant, found through `refOf(documentNumber)`. */
export function createJobsOf(jobs: JobControl, refOf: (documentNumber: string) => JobRef): CreateJobs {
  return {
    state: (documentNumber) => jobs.state(refOf(documentNumber)),
    retry: (documentNumber, from) => jobs.retry(refOf(documentNumber), from),
  };
}

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
  if (isAlive(state)) return 'alive';
  if (state === 'failed' || state === 'completed') {
    await jobs.retry(id, state);
    return 'retried';
  }
  return 'lost';
}
