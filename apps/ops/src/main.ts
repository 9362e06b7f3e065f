import { runOps } from './cli';

// The `pnpm ops` entry: the process's own arguments, environment and streams; cli.ts does the rest.
const exitCode = await runOps(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  helpWidth: process.stdout.isTTY ? process.stdout.columns : undefined,
});
process.exit(exitCode);
