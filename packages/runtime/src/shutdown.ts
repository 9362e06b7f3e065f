import type { Logger } from 'pino';

export interface ShutdownOptions {
  logger: Logger;
  /** How long in-flight work may take before the process exits anyway. */
  graceMs?: number;
}

type Step = () => Promise<unknown> | unknown;

/**
 * Runs the registered steps once on SIGTERM/SIGINT, in registration order, within a bound. A second signal
 * exits at once: an operator pressing Ctrl-C twice means it.
 */
export function handleShutdown(options: ShutdownOptions): {
  add(name: string, step: Step): void;
  run(reason: string): Promise<void>;
} {
  const steps: Array<{ name: string; step: Step }> = [];
  let running: Promise<void> | undefined;
  const graceMs = options.graceMs ?? 25000;

  const run = (reason: string): Promise<void> => {
    if (running) return running;
    options.logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      options.logger.error({ graceMs }, 'shutdown took too long, exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    running = (async () => {
      for (const { name, step } of steps) {
        try {
          await step();
        } catch (err) {
          options.logger.warn({ err, step: name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
      options.logger.info('stopped');
    })();
    return running;
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (running) {
        options.logger.warn({ signal }, 'second signal, exiting now');
        process.exit(130);
      }
      void run(signal).then(() => process.exit(0));
    });
  }
  return { add: (name, step) => steps.push({ name, step }), run };
}
