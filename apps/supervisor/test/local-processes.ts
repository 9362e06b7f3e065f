import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { repoRoot } from '@bridge/testkit';

/** The environment of a whole-process test: nothing of the developer's bridge configuration leaks in. */
export function cleanEnv(over: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(QIANYI_|ETOWER_|BRIDGE_|REDIS_URL|PORT|DASHBOARD_PORT|METRICS_PORT|HOST)/.test(k),
    ),
  );
  return { ...clean, LOG_LEVEL: 'warn', ...over };
}

export interface Started {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text`; rejects with the output when the process exits first or time runs out. */
  printed(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a command from the repository root in its own process group, as a terminal would run it in the foreground. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const printed = (needle: string, timeoutMs = 60000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (text.includes(needle)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no "${needle}" within ${timeoutMs} ms; output:\n${text.slice(-4000)}`));
      }, timeoutMs);
      listeners.add(check);
      check();
      void exited.then(({ code, signal }) => {
        if (!text.includes(needle)) {
          clearTimeout(timer);
          reject(new Error(`exited (${code ?? signal}) before printing "${needle}"; output:\n${text.slice(-4000)}`));
        }
      });
    });
  return { child, output: () => text, printed, exited };
}

/** Pids of the processes whose environment holds `entry` (e.g. one test's BRIDGE_DATA_DIR): every descendant of a run. */
export function processesWithEnv(entry: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(entry)) found.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}
