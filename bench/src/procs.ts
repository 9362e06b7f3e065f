import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../..', import.meta.url).pathname;

/** A child process of the bench: its output is scanned for the start line and then dropped (not kept in memory). */
export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function spawnNode(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Proc {
  return spawnProc(name, process.execPath, [...nodeArgs, script], env);
}

/** Any program (node under valgrind, say) with the same start-line scanning and stopping as spawnNode. */
export function spawnProc(name: string, command: string, commandArgs: string[], env: Record<string, string>): Proc {
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiters: Array<{ text: string; resolve: (line: string) => void }> = [];
  let tail = '';
  let errors = '';
  const onData = (chunk: Buffer) => {
    if (waiters.length === 0) return;
    tail = (tail + chunk.toString()).slice(-8192);
    const lines = tail.split('\n');
    tail = lines.pop() ?? '';
    for (const line of lines)
      for (const w of [...waiters])
        if (line.includes(w.text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', (c: Buffer) => {
    errors = (errors + c.toString()).slice(-4000);
    onData(c);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    name,
    child,
    pid: child.pid!,
    waitFor: (text, timeoutMs = 30000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name}: no "${text}" within ${timeoutMs} ms\n${errors}`)),
          timeoutMs,
        );
        waiters.push({
          text,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`${name} exited\n${errors}`));
        });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(timer);
    },
  };
}

let profileDir: string | undefined;
let profileSeq = 0;

/** `--profile`: every app process started from now on runs under `--cpu-prof`, its file named after the app. */
export function profileAppsInto(dir: string): void {
  profileDir = dir;
}

export function appScript(app: string): string {
  return join(repoRoot, 'apps', app, 'dist', 'main.js');
}

export async function startAppProc(
  app: string,
  env: Record<string, string>,
  readyText: string,
): Promise<Proc & { url?: string }> {
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${app}-${++profileSeq}.cpuprofile`]
    : [];
  const proc = spawnNode(app, appScript(app), env, ['--enable-source-maps', ...profile]);
  const line = await proc.waitFor(readyText);
  const url = readyText.includes('listening') ? (JSON.parse(line) as { url: string }).url : undefined;
  return Object.assign(proc, { url });
}

/** Peak and current resident memory of a process in MB (VmHWM / VmRSS). */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3; utime and stime are fields 14 and 15 (1-based over the whole line).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU of a whole process tree (a cluster primary and its workers). */
export function treePids(pid: number): number[] {
  const out = [pid];
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const c of children ? children.split(' ') : []) out.push(...treePids(Number(c)));
  } catch {
    /* gone */
  }
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Busy and total CPU time of the whole machine so far (all cores), from /proc/stat, in clock ticks. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((s, n) => s + n, 0);
  return { busy: total - idle, total };
}

/** Share of all cores that were busy between two readings of machineTicks (0..1). */
export function busyShare(before: { busy: number; total: number }, after: { busy: number; total: number }): number {
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : 0;
}
