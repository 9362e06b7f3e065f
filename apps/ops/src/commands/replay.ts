import type { QueueName } from '@bridge/config';
import type { OpsContext } from '../context';
import { CliError, EXIT, table, type Printer } from '../output';

/**
 * Retries failed jobs under their original ids (QueueAdmin.replay), so deterministic ids keep deduplicating and
 * the state store sees the same job again rather than a copy.
 */
export async function replayCommand(
  ctx: OpsContext,
  out: Printer,
  queueName: string,
  ids: string[],
  opts: { all?: boolean },
): Promise<number> {
  if (Boolean(opts.all) === ids.length > 0) throw new CliError('give job ids or --all (not both)', EXIT.usage);
  const outcomes = await (await ctx.admin()).replay(queueName as QueueName, opts.all ? 'all' : ids);
  const replayed = outcomes.filter((o) => o.result === 'replayed').length;
  out.result({ queue: queueName, replayed, outcomes }, () => {
    if (outcomes.length === 0) return `no failed jobs in ${queueName}`;
    return [
      `replayed ${replayed} of ${outcomes.length} job(s) in ${queueName}`,
      table(
        ['id', 'name', 'result'],
        outcomes.map((o) => [
          o.id,
          o.result === 'not-found' ? undefined : o.name,
          o.result === 'not-failed' ? `not failed (${o.state})` : o.result,
        ]),
      ),
    ].join('\n');
  });
  return outcomes.some((o) => o.result !== 'replayed') ? EXIT.failure : EXIT.ok;
}
