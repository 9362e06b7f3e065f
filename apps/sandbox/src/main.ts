import { z } from 'zod';
import { BASE64_FLAVOURS } from '@bridge/etower/signing';
import { createLogger } from '@bridge/runtime';
import { startSandbox } from './start';

// `node apps/sandbox/dist/main.js`: the eTower simulator and the Qianyi webhook receiver on one port,
// configured only by environment variables. Prints one JSON "listening" line on stdout for the
// supervisor and the tests, then logs with pino.

const int = (min: number) => z.coerce.number().int().min(min);
const envSchema = z.object({
  SANDBOX_PORT: int(0).max(65535).default(8090),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_ETOWER_TOKEN: z.string().min(1).default('sandbox-token'),
  SANDBOX_ETOWER_KEY: z.string().min(1).default('sandbox-key'),
  SANDBOX_QIANYI_ACCESS_ID: z.string().min(1).default('sandbox-access-id'),
  SANDBOX_QIANYI_SECRET_KEY: z.string().min(1).default('sandbox-secret-key'),
  SANDBOX_ACCEPT_AFTER_MS: int(0).default(2000),
  SANDBOX_SHIP_AFTER_MS: int(0).default(6000),
  SANDBOX_RECEIVE_STEP_MS: int(0).default(5000),
  SANDBOX_SKU_COUNT: int(0).default(2345),
  SANDBOX_MAX_PAGE_SIZE: int(1).default(100),
  SANDBOX_LATENCY_MS: int(0).default(0),
  // Comma-separated Base64 flavours the eTower signature may use (standard, url-safe).
  SANDBOX_SIGNATURE_FLAVOURS: z
    .string()
    .default('standard')
    .transform((v) =>
      v
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(BASE64_FLAVOURS)).min(1)),
  SANDBOX_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
});

function readEnv(): z.output<typeof envSchema> {
  // Empty strings count as unset, so `SANDBOX_PORT= pnpm start` keeps the default.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('SANDBOX_') && v !== ''));
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (i) => `  ${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`,
  );
  process.stderr.write(`sandbox: invalid configuration\n${lines.join('\n')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger({ name: 'sandbox' });
  const sandbox = await startSandbox({
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    logger,
    etower: {
      token: env.SANDBOX_ETOWER_TOKEN,
      key: env.SANDBOX_ETOWER_KEY,
      acceptAfterMs: env.SANDBOX_ACCEPT_AFTER_MS,
      shipAfterMs: env.SANDBOX_SHIP_AFTER_MS,
      receiveStepMs: env.SANDBOX_RECEIVE_STEP_MS,
      skuCount: env.SANDBOX_SKU_COUNT,
      maxPageSize: env.SANDBOX_MAX_PAGE_SIZE,
      latencyMs: env.SANDBOX_LATENCY_MS,
      signatureFlavours: env.SANDBOX_SIGNATURE_FLAVOURS,
      clockOffsetMs: env.SANDBOX_CLOCK_OFFSET_MS,
    },
    qianyi: { tenants: [{ accessId: env.SANDBOX_QIANYI_ACCESS_ID, secretKey: env.SANDBOX_QIANYI_SECRET_KEY }] },
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', port: sandbox.port, url: sandbox.url })}\n`);
  logger.info(
    { url: sandbox.url, etowerToken: env.SANDBOX_ETOWER_TOKEN, qianyiAccessId: env.SANDBOX_QIANYI_ACCESS_ID },
    'sandbox ready',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'sandbox stopping');
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'sandbox failed to close');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `sandbox: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
