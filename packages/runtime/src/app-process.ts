import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process printed, for assertions and for a failing test's report. */
  output(): string;
  /** Resolves with the first stdout JSON line whose event is 'listening' (its port and url). */
  listening: Promise<{ port: number; url: string }>;
  /** Resolves when a line matching the predicate has been printed. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Runs `node apps/<app>/dist/<entry>.js` (built by scripts/build.mjs) with the given environment. */
export interface StartAppOptions {
  /** Its own process group: a terminal's Ctrl-C then reaches only the parent, which stops the app with one SIGTERM. */
  detached?: boolean;
  /** Options for node itself, before the script (V8 flags NODE_OPTIONS refuses, such as a GC trace). */
  nodeArgs?: string[];
}

export function startApp(
  app: string,
  env: Record<string, string | undefined>,
  entry = 'main',
  options: StartAppOptions = {},
): AppProcess {
  const script = join(repoRoot, 'apps', app, 'dist', `${entry}.js`);
  const child = spawn(process.execPath, ['--enable-source-maps', ...(options.nodeArgs ?? []), script], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let text = '';
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const waitForLine = (match: (line: string) => boolean, timeoutMs = 20000) =>
    new Promise<string>((resolve, reject) => {
      const existing = text.split('\n').find(match);
      if (existing) return resolve(existing);
      const timer = setTimeout(
        () => reject(new Error(`${app}: no matching line within ${timeoutMs} ms; output:\n${text.slice(-4000)}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${app} exited (${code}) before printing the line; output:\n${text.slice(-4000)}`));
      });
    });

  const listening = waitForLine((line) => line.includes('"event":"listening"')).then((line) => {
    const parsed = JSON.parse(line) as { port: number; url: string };
    return { port: parsed.port, url: parsed.url };
  });
  listening.catch(() => {});

  return {
    name: app,
    child,
    output: () => text,
    listening,
    waitForLine,
    exited,
    stop: async (signal = 'SIGTERM', timeoutMs = 15000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
