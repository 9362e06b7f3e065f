import type { QueueName } from '@bridge/config';
import type { OpsContext } from '../context';
import { EXIT, formatTime, table, type Printer } from '../output';

export async function failedCommand(
  ctx: OpsContext,
  out: Printer,
  queueName: string,
  opts: { limit: number },
): Promise<number> {
  // Newest first, without loading more than asked for; the queue name was checked against QUEUE_NAMES.
  const { total, jobs: rows } = await (await ctx.admin()).failed(queueName as QueueName, opts.limit);
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
