// `pnpm bench:memory [-- --orders=10000]`: Redis bytes per open and per finished order (case-redis-memory.ts). Prints
// the figures as Markdown; they are copied into bench/RESULTS.md's notes by hand (the suite's own cases are not run).
import { parseArgs } from './args';
import { benchRedisMemory, renderRedisMemory } from './case-redis-memory';

const args = parseArgs(process.argv.slice(2));
const orders = Number(args.orders ?? 10000);
if (!Number.isInteger(orders) || orders < 1)
  throw new Error(`--orders must be a whole number >= 1 (got ${args.orders})`);
const result = await benchRedisMemory({ orders });
process.stderr.write(`${JSON.stringify(result)}\n`);
process.stdout.write(`${renderRedisMemory(result)}\n`);
process.exit(0);
