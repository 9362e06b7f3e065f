import { QUEUE_NAMES } from '@bridge/config';
import type { OpsContext } from '../context';
import { EXIT, table, type Printer } from '../output';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

export async function countsCommand(ctx: OpsContext, out: Printer): Promise<number> {
  const queues = await ctx.queues();
  const counts: Record<string, Record<string, number>> = {};
  for (const name of QUEUE_NAMES) counts[name] = await queues[name].getJobCounts(...STATES);
  out.result(counts, () =>
    table(
      ['queue', ...STATES],
      QUEUE_NAMES.map((name) => [name, ...STATES.map((s) => counts[name]![s] ?? 0)]),
    ),
  );
  return EXIT.ok;
}
