import { createServer } from 'node:net';
import { freePort } from '@bridge/runtime/local-processes';

/** The preferred port when it is free (stable URLs for a person), else any free one. */
export function portOr(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      void freePort().then(resolve);
    });
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}
