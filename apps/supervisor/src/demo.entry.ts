import { connect, DemoStop } from './demo/bridge';
import { runDemo } from './demo/script';

/**
 * `pnpm demo`: against the bridge `pnpm start` runs, every one of Qianyi's ten methods, correctly signed, and
 * both webhooks, one short summary per call. Exit 0 when every answer and push was the expected one.
 */
try {
  const ok = await runDemo(connect(), (line) => process.stdout.write(`${line}\n`));
  process.exit(ok ? 0 : 1);
} catch (err) {
  if (!(err instanceof DemoStop)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
