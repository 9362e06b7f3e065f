import { CommanderError } from 'commander';
import { OpsContext } from './context';
import { CliError, EXIT } from './output';
import { buildProgram } from './program';

/** What one run of ops reads and writes instead of the process's own, so it can run inside another process. */
export interface OpsIo {
  /** The environment the run is configured from (REDIS_URL, the tenant variables, BRIDGE_DATA_DIR…). */
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Columns to wrap help at (a terminal's width); commander's 80 when absent. */
  helpWidth?: number;
}

/**
 * Runs one ops command line (the arguments after `ops`) and returns its exit code: 0 ok, 1 not found or failed,
 * 2 wrong usage. Everything it opens (Redis, queues) is closed before it returns, and nothing outlives the call:
 * the program and its context are built anew each time.
 */
export async function runOps(argv: readonly string[], io: OpsIo): Promise<number> {
  const ctx = new OpsContext(io.env, (line) => io.stderr(`${line}\n`));
  let exitCode: number = EXIT.ok;
  const program = buildProgram(ctx, io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    // Help and version are exit 0; anything else commander rejects is a usage error (it printed why).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`ops failed: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failure;
  } finally {
    await ctx.close();
  }
}
