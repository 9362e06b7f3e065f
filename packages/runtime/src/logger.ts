import { pino, type Logger, type LoggerOptions } from 'pino';

// Paths that must never reach a log line: Qianyi signs and secrets, eTower keys, label data, recipients' contacts.
// pino's redact works on fixed paths, so every place such a value can sit in a logged object is listed here.
export const REDACT_PATHS = [
  'sign',
  '*.sign',
  'secretKey',
  '*.secretKey',
  'secret',
  '*.secret',
  'key',
  '*.key',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.secret',
  'headers.authorization',
  'headers.Authorization',
  'headers.secret',
  'labelData',
  '*.labelData',
  'label',
  '*.label',
  'attachData',
  '*.attachData',
  'phone',
  '*.phone',
  'email',
  '*.email',
  'receiver.phone',
  'receiver.email',
  'consignee.phone',
  'consignee.email',
];

export interface LoggerConfig {
  name: string;
  level?: string;
  /** Extra fields on every line (tenant, queue, app). */
  base?: Record<string, unknown>;
  /**
   * Write stdout asynchronously and in batches (at most 200 ms late). For the busy processes (ingress, worker),
   * where a write() per line costs ~5 % of the CPU. Lines still pending are flushed synchronously on exit (pino
   * registers that); only a SIGKILL can lose the last 200 ms of lines.
   */
  asyncOutput?: boolean;
}

export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    name: config.name,
    level: config.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: config.name, pid: process.pid, ...config.base },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (!config.asyncOutput) return pino(options);
  // Lines gather up to 8 KB and go out in one write; a timer sends a quieter period's lines within 200 ms.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 8192 });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      /* destroyed at exit: pino has flushed it synchronously */
    }
  }, ASYNC_FLUSH_MS).unref();
  return pino(options, destination);
}

const ASYNC_FLUSH_MS = 200;

export type { Logger };
