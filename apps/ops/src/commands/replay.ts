import type { OpsContext } from '../context';
import { CliError, EXIT, table, type Printer } from '../output';

type Outcome = { id: string; name?: string; result: 'replayed' | 'not-found' | 'not-failed'; state?: string };

/**
 * Retries failed jobs under their original ids (job.retry), so deterministic ids keep deduplicating and the
 * state store sees the same job again rather than a copy.
 */
export async function replayCommand(
  ctx: OpsContext,
  out: Printer,
  queueName: string,
  ids: string[],
  opts: { all?: boolean },
): Promise<number> {
  if (Boolean(opts.all) === ids.length > 0) throw new CliError('give job ids or --all (not both)', EXIT.usage);
  const queue = await ctx.queue(queueName);
  // Ids only, collected up front: a replayed job that fails again at once must not be picked up twice.
  const targets = opts.all ? await queue.getRanges(['failed'], 0, -1) : ids;
  const outcomes: Outcome[] = [];
  for (const id of targets) {
    const job = await queue.getJob(id);
    if (!job) {
      outcomes.push({ id, result: 'not-found' });
      continue;
    }
    const state = await job.getState();
    if (state !== 'failed') {
      outcomes.push({ id, name: job.name, result: 'not-failed', state });
      continue;
    }
    await job.retry('failed');
    outcomes.push({ id, name: job.name, result: 'replayed' });
  }
  const replayed = outcomes.filter((o) => o.result === 'replayed').length;
  out.result({ queue: queueName, replayed, outcomes }, () => {
    if (outcomes.length === 0) return `no failed jobs in ${queueName}`;
    return [
      `replayed ${replayed} of ${outcomes.length} job(s) in ${queueName}`,
      table(
        ['id', 'name', 'result'],
        outcomes.map((o) => [o.id, o.name, o.result === 'not-failed' ? `not failed (${o.state})` : o.result]),
      ),
    ].join('\n');
  });
  return outcomes.some((o) => o.result !== 'replayed') ? EXIT.failure : EXIT.ok;
}
