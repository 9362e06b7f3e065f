import type { OpsContext } from '../context';
import { EXIT, formatTime, table, type Printer } from '../output';

/**
 * `ops schedulers`: every Job Scheduler in Redis, with whether its tenant is in this process's configuration. One
 * whose tenant is not is what a removed tenant leaves behind (each worker's start names them too); `unschedule`
 * removes them.
 */
export async function schedulersCommand(ctx: OpsContext, out: Printer): Promise<number> {
  const configured = new Set(ctx.configuredTenants().map((t) => t.accessId));
  const rows = (await (await ctx.admin()).schedulers()).map((s) => ({
    ...s,
    configured: s.tenant === undefined ? undefined : configured.has(s.tenant),
  }));
  out.result({ schedulers: rows }, () => {
    if (rows.length === 0) return 'no job schedulers (the workers declare them when they start)';
    return table(
      ['id', 'queue', 'every', 'next run', 'tenant', 'configured'],
      rows.map((r) => [
        r.id,
        r.queue,
        r.everyMs === undefined ? undefined : duration(r.everyMs),
        formatTime(r.nextRunAt),
        r.tenant,
        r.configured === undefined ? undefined : r.configured ? 'yes' : 'NO',
      ]),
    );
  });
  return EXIT.ok;
}

/** 30s, 5m, 1h30m: an interval as an operator reads it. */
export function duration(ms: number): string {
  if (ms % 1000 !== 0 || ms === 0) return `${ms}ms`;
  const s = ms / 1000;
  const parts = [
    [Math.floor(s / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join('');
}
