import { QUEUE_NAMES } from '@bridge/config';
import { JOB_STATES } from '@bridge/core';
import type { OpsContext } from '../context';
import { EXIT, table, type Printer } from '../output';

export async function countsCommand(ctx: OpsContext, out: Printer): Promise<number> {
  const admin = await ctx.admin();
  const counts: Record<string, Record<string, number>> = {};
  for (const name of QUEUE_NAMES) counts[name] = await admin.counts(name);
  out.result(counts, () =>
    table(
      ['queue', ...JOB_STATES],
      QUEUE_NAMES.map((name) => [name, ...JOB_STATES.map((s) => counts[name]![s] ?? 0)]),
    ),
  );
  return EXIT.ok;
}
