import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { QUEUE_NAMES } from '@bridge/config';
import { QIANYI_METHODS } from '@bridge/qianyi';
import type { OpsIo } from './cli';
import { asnCommand } from './commands/asn';
import { callCommand, type CallOptions } from './commands/call';
import { countsCommand } from './commands/counts';
import { doctorCommand } from './commands/doctor';
import { failedCommand } from './commands/failed';
import { forgetTenantCommand } from './commands/forget-tenant';
import { orderCommand } from './commands/order';
import { REFRESH_TARGETS, refreshCommand } from './commands/refresh';
import { replayCommand } from './commands/replay';
import { schedulersCommand } from './commands/schedulers';
import { unscheduleCommand } from './commands/unschedule';
import type { OpsContext } from './context';
import { createPrinter, type Printer } from './output';

// `pnpm ops <command>`: what an operator needs at 3 a.m. without opening Redis by hand. Configured like the
// apps (REDIS_URL; tenants from QIANYI_ACCESS_ID… or BRIDGE_TENANTS_FILE when a command needs them); what the
// environment leaves unset comes from a running `pnpm start` (sources.ts).

const positiveInt = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number >= 1');
  return Number(value);
};
const queueArg = () => new Argument('<queue>', 'queue name').choices([...QUEUE_NAMES]);
const tenantOption = () =>
  new Option('--tenant <accessId>', 'the tenant (default: every configured tenant, or any tenant that has it)');
const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ pnpm ops ${l}`).join('\n')}\n`;

/**
 * The commander program of one run: built per call around that call's context and streams, so nothing (the
 * parsed options, the exit code) carries over to the next. `done` receives the exit code of the command that ran.
 */
export function buildProgram(ctx: OpsContext, io: OpsIo, done: (exitCode: number) => void): Command {
  /** Runs a command with this call's printer and hands its exit code to the caller (a CliError propagates). */
  const run =
    <A extends unknown[]>(fn: (out: Printer, ...args: A) => Promise<number>) =>
    async (...args: A) => {
      done(await fn(createPrinter(Boolean(program.opts().json), io.stdout), ...args));
    };

  const program = new Command('ops')
    .description(
      'Operate the Qianyi ↔ eTower bridge: inspect orders and jobs, replay failures, trigger refreshes, send a signed call.\nConfigured by REDIS_URL and the tenant variables or BRIDGE_TENANTS_FILE; what they leave unset comes from a running\n`pnpm start` (its .data/run.json). Which Redis and tenants are used is printed on stderr. Times are ISO dates (UTC).',
    )
    .option('--json', 'print machine-readable JSON instead of text')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 not found or failed, 2 wrong usage.\nFor clean JSON through pnpm, silence its banner: pnpm -s ops counts --json',
    )
    // Set before the subcommands are added: they copy it. Help and usage errors go to this call's streams.
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      getOutHelpWidth: () => io.helpWidth ?? 80,
      getErrHelpWidth: () => io.helpWidth ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();

  program
    .command('order')
    .description("an outbound order's state, history and jobs (createOrder, releaseOrder, pushOrderInfo)")
    .argument('<orderNumber>', "Qianyi's orderNumber")
    .addOption(tenantOption())
    .addHelpText('after', examples('order SO-1001', 'order SO-1001 --tenant my-access-id --json'))
    .action(run((out, orderNumber: string, opts: { tenant?: string }) => orderCommand(ctx, out, orderNumber, opts)));

  program
    .command('asn')
    .description("an inbound (ASN) order's state and history")
    .argument('<asnNumber>', "Qianyi's ASN number")
    .addOption(tenantOption())
    .addHelpText('after', examples('asn ASN-2001'))
    .action(run((out, asnNumber: string, opts: { tenant?: string }) => asnCommand(ctx, out, asnNumber, opts)));

  program
    .command('failed')
    .description('list failed jobs of a queue, newest first')
    .addArgument(queueArg())
    .option('--limit <n>', 'how many to show', positiveInt, 20)
    .addHelpText('after', examples('failed webhooks', 'failed orders --limit 100 --json'))
    .action(run((out, queue: string, opts: { limit: number }) => failedCommand(ctx, out, queue, opts)));

  program
    .command('replay')
    .description('retry failed jobs under their original ids (job ids, or --all failed jobs of the queue)')
    .addArgument(queueArg())
    .argument('[jobIds...]', 'ids of failed jobs')
    .option('--all', 'every failed job of the queue')
    .addHelpText('after', examples('replay webhooks pushOrderInfo-my-access-id-SO-1001-v3', 'replay webhooks --all'))
    .action(
      run((out, queue: string, ids: string[], opts: { all?: boolean }) => replayCommand(ctx, out, queue, ids, opts)),
    );

  program
    .command('refresh')
    .description('run a scheduled job now: catalog (refreshCatalog), inventory (rebuildInventory), orders (pollOrders)')
    .addArgument(new Argument('<what>', 'what to refresh').choices(Object.keys(REFRESH_TARGETS)))
    .addOption(tenantOption())
    .addHelpText('after', examples('refresh catalog', 'refresh orders --tenant my-access-id'))
    .action(run((out, what: string, opts: { tenant?: string }) => refreshCommand(ctx, out, what, opts)));

  program
    .command('counts')
    .description('job counts per queue and state')
    .addHelpText('after', examples('counts', 'counts --json'))
    .action(run((out) => countsCommand(ctx, out)));

  program
    .command('schedulers')
    .description("the job schedulers (periodic jobs) in Redis, and whether each one's tenant is configured here")
    .addHelpText(
      'after',
      `${examples('schedulers', 'schedulers --json')}\nA tenant not configured (NO) is usually one removed from the configuration: its jobs fail at once; unschedule removes them.\n`,
    )
    .action(run((out) => schedulersCommand(ctx, out)));

  program
    .command('unschedule')
    .description('remove the job schedulers of a tenant taken out of the configuration, so its periodic jobs stop')
    .argument('<accessId>', 'the tenant')
    .option('--force', 'even when the tenant is configured here, or no tenant is configured here to tell')
    .addHelpText(
      'after',
      `${examples('unschedule old-access-id')}\nExit 1 when the tenant has no job schedulers. A worker configured with the tenant declares them again when it starts.\n`,
    )
    .action(run((out, tenant: string, opts: { force?: boolean }) => unscheduleCommand(ctx, out, tenant, opts)));

  program
    .command('forget-tenant')
    .description(
      'count, or with --yes delete, what a tenant taken out of the configuration left in Redis: its keys, outbox entries and jobs',
    )
    .argument('<accessId>', 'the tenant')
    .option('--yes', 'delete them (without it: a dry run that only counts)')
    .addHelpText(
      'after',
      `${examples('forget-tenant old-access-id', 'forget-tenant old-access-id --yes')}\nRefused for a tenant configured here, with no tenant configured here to tell, or while the tenant has job schedulers\n(run unschedule first). Safe to run again. Exit 1 when nothing was found, a running job was left, or it has job schedulers.\n`,
    )
    .action(run((out, tenant: string, opts: { yes?: boolean }) => forgetTenantCommand(ctx, out, tenant, opts)));

  program
    .command('doctor')
    .description(
      "read-only checks of a tenant's real configuration: eTower reachable, clock skew, credentials (and Base64 flavour), warehouses, inventory page 1, orderList, the Qianyi callback host",
    )
    .addOption(new Option('--tenant <accessId>', 'the tenant to check (default: the only configured tenant)'))
    .addHelpText(
      'after',
      `${examples('doctor', 'doctor --tenant my-access-id --json')}\nOne line per check; exit 1 when one fails. Nothing is created at eTower and no push is sent.\n`,
    )
    .action(run((out, opts: { tenant?: string }) => doctorCommand(ctx, out, opts)));

  program
    .command('call')
    .description("send one call signed as a configured tenant, exactly as Qianyi would, and print the bridge's answer")
    .addArgument(new Argument('<method>', 'the Qianyi method').choices([...QIANYI_METHODS]))
    .argument('[content]', 'the JSON content, or @file to read it from a file (none for warehouses and channels)')
    .addOption(new Option('--tenant <accessId>', 'the tenant to sign as (default: the only configured tenant)'))
    .option(
      '--url <url>',
      "the ingress's call URL (default: the running pnpm start's, else http://127.0.0.1:$PORT/api/qianyi)",
    )
    .addHelpText(
      'after',
      `${examples('call warehouses', `call getOrder '{"orderNumber":"SO-1001"}'`, 'call createOrder @order.json --tenant my-access-id')}\nExit 0 when the bridge answers HTTP 200 with success true, 1 otherwise.\n`,
    )
    .action(
      run((out, method: string, content: string | undefined, opts: CallOptions) =>
        callCommand(ctx, out, method, content, opts),
      ),
    );

  return program;
}
