import type { OpsContext } from '../context';
import { EXIT, formatTime, table, type Printer } from '../output';

export async function failedCommand(
  ctx: OpsContext,
  out: Printer,
  queueName: string,
  opts: { limit: number },
): Promise<number> {
  const queue = await ctx.queue(queueName);
  const total = await queue.getFailedCount();
  // Newest first (BullMQ's failed set is ordered by finish time), without loading more than asked for.
  const jobs = await queue.getFailed(0, opts.limit - 1);
  const rows = jobs.map((j) => ({
    id: j.id ?? '',
    name: j.name,
    attemptsMade: j.attemptsMade,
    failedReason: j.failedReason,
    finishedOn: j.finishedOn,
  }));
  out.result({ queue: queueName, total, jobs: rows }, () => {
    if (rows.length === 0) return `no failed jobs in ${queueName}`;
    return [
      `${total} failed job(s) in ${queueName}${total > rows.length ? `, showing the newest ${rows.length}` : ''}`,
      table(
        ['id', 'name', 'attempts', 'finished', 'failed reason'],
        rows.map((r) => [r.id, r.name, r.attemptsMade, formatTime(r.finishedOn), r.failedReason]),
      ),
    ].join('\n');
  });
  return EXIT.ok;
}
