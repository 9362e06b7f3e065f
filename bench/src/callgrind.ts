// An app process under valgrind's callgrind with instrumentation off until asked: start-up, module loading and a
// warm-up (V8 compiling the hot path) run uninstrumented (faster) and are not counted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appScript, spawnProc, type Proc } from './procs';

export interface CountedProc {
  proc: Proc;
  /** Instrumentation on: from now on every user-space instruction of the process is counted. */
  startCounting(): void;
  /**
   * Dumps what was counted since `startCounting` and stops the process: the total, the part spent by V8's
   * optimising compiler (TurboFan) on its background thread, and the dump's text.
   */
  finish(): Promise<{ total: number; compile: number; dump: string }>;
  /** Stops the process if it still runs and removes the dump folder. */
  dispose(): Promise<void>;
}

export function requireValgrind(): void {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('valgrind is not installed: `apt-get install valgrind` (Debian) to count instructions');
  }
}

/**
 * The background thread's TurboFan job: everything V8's optimising compiler does off the main thread. A process
 * keeps meeting functions that have just become hot thousands of calls into its life (a worker still compiled
 * ~10 % of its instructions 9,000 orders in: bench/RESULTS.md, eighth round), and how much of that lands in a
 * counted window varies from run to run by more than the change being judged.
 */
const COMPILE_TASK = 'v8::internal::OptimizingCompileDispatcher::CompileTask::RunInternal()';

/** A function's inclusive cost (itself and all it called) in a callgrind dump; 0 when it never ran. */
function inclusiveCost(file: string, fn: string): number {
  const report = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const line = report.split('\n').find((l) => l.includes(fn));
  return line ? Number(/^\s*([\d,]+)/.exec(line)?.[1]?.replaceAll(',', '') ?? 0) : 0;
}

export function underCallgrind(app: string, env: Record<string, string>): CountedProc {
  const dir = mkdtempSync(join(tmpdir(), 'bench-callgrind-'));
  const proc = spawnProc(
    app,
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      '--smc-check=all-non-file',
      `--callgrind-out-file=${join(dir, 'callgrind.out')}`,
      process.execPath,
      appScript(app),
    ],
    env,
  );
  // vgdb finds the process by FIFOs named after $USER and $HOST, and an app's HOST is its listen address:
  // callgrind_control must see the same value.
  const control = (flag: string) =>
    execFileSync('callgrind_control', [flag, String(proc.pid)], {
      stdio: 'ignore',
      env: { ...process.env, ...(env.HOST ? { HOST: env.HOST } : {}) },
    });
  return {
    proc,
    startCounting: () => control('--instr=on'),
    async finish() {
      // A dump writes what was counted since instrumentation went on (turning it off would discard it).
      control('--dump=counted');
      await proc.stop();
      const file = readdirSync(dir)
        .map((f) => join(dir, f))
        .find((f) => readFileSync(f, 'utf8').includes('Trigger: dump counted'));
      const dump = file ? readFileSync(file, 'utf8') : '';
      const total = Number(/^summary:\s+(\d+)/m.exec(dump)?.[1] ?? NaN);
      if (!(total > 0)) throw new Error(`callgrind wrote no count for ${app}`);
      return { total, compile: inclusiveCost(file!, COMPILE_TASK), dump };
    },
    async dispose() {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
