import { DemoStop } from './bridge';

/**
 * Polls `read` every 250 ms until it returns something, saying once what it waits for; a DemoStop naming what
 * did not happen after `timeoutMs`.
 */
export async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new DemoStop(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    if (!said) {
      process.stdout.write(`    … waiting for ${what}\n`);
      said = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
