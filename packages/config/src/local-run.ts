import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// What `pnpm start` (apps/supervisor) records in <data dir>/run.json while it runs, so that `pnpm ops` and
// `pnpm demo` in a second terminal reach the same Redis, tenants and URLs without being told. The supervisor
// removes the file when it stops; a file left by one that was killed names a pid that no longer runs.

export const localRunSchema = z.object({
  /** The supervisor's pid: the run is live while it runs. */
  pid: z.number().int().positive(),
  startedAt: z.string(),
  redisUrl: z.string().min(1),
  /** The tenants file the worker and ingress were given (BRIDGE_TENANTS_FILE). */
  tenantsFile: z.string().min(1),
  /** Where Qianyi's calls go: POST here. */
  callUrl: z.string().min(1),
  ingressUrl: z.string().min(1),
  sandboxUrl: z.string().min(1),
  dashboardUrl: z.string().min(1),
  metrics: z.object({ ingress: z.string().min(1), worker: z.string().min(1) }),
});

export type LocalRun = z.output<typeof localRunSchema>;

export type LocalRunLookup =
  | { status: 'running'; path: string; run: LocalRun }
  | { status: 'absent'; path: string }
  | { status: 'stopped'; path: string; pid: number }
  | { status: 'unreadable'; path: string; reason: string };

/**
 * The data directory of `pnpm start`: BRIDGE_DATA_DIR, else `.data` at the repository root. Tests point it
 * elsewhere so that they never touch a developer's running bridge.
 */
export function localDataDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.BRIDGE_DATA_DIR?.trim() || join(repoRoot, '.data');
}

export const runFilePath = (dataDir: string): string => join(dataDir, 'run.json');

/** Whether a process with this pid exists (EPERM: it exists but is someone else's). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the run file of `pnpm start`, telling apart no run, a run that has stopped, and a file that is not one. */
export function readLocalRun(dataDir: string): LocalRunLookup {
  const path = runFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent', path };
    return { status: 'unreadable', path, reason: (err as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { status: 'unreadable', path, reason: `not JSON (${(err as Error).message})` };
  }
  const parsed = localRunSchema.safeParse(json);
  if (!parsed.success) {
    // A file from before the pid was recorded, or a half-written one: either way not a run to trust.
    return {
      status: 'unreadable',
      path,
      reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '),
    };
  }
  if (!pidAlive(parsed.data.pid)) return { status: 'stopped', path, pid: parsed.data.pid };
  return { status: 'running', path, run: parsed.data };
}
