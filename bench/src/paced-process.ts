import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PacedResult } from './paced';
import { repoRoot } from './procs';

/** What paced-runner.ts is asked to do: createOrder calls, their order numbers under `bodyPrefix`. */
export interface PacedSpec {
  url: string;
  rate: number;
  durationS: number;
  /** Seconds at the same pace before the measured ones (paced.ts says why). */
  warmupS?: number;
  bodyPrefix: string;
}

/** The same calls sent to each of `urls` in turn, `slotMs` of due time at a time (pacedAcross in paced.ts). */
export type PacedAcrossSpec = Omit<PacedSpec, 'url'> & { urls: string[]; slotMs: number };

/** paced() run by bench/.out/paced-runner.mjs in a child process (paced-runner.ts says why). */
export const pacedInOwnProcess = (spec: PacedSpec) => runPaced<PacedResult>(spec);

/** pacedAcross() in a child process, one result per URL. */
export const pacedAcrossInOwnProcess = (spec: PacedAcrossSpec) => runPaced<PacedResult[]>(spec);

function runPaced<R>(spec: PacedSpec | PacedAcrossSpec): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bench/.out/paced-runner.mjs'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && /^[[{]/.test(line)) resolve(JSON.parse(line) as R);
      else reject(new Error(`paced generator exited ${code}: ${err || out}`));
    });
  });
}
