// Command-line options of the bench entry points: `--name=value` (or a bare `--flag`, read as 'true').

export type Args = Record<string, string>;

export function parseArgs(argv: readonly string[]): Args {
  return Object.fromEntries(
    argv
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const at = a.indexOf('=');
        return at < 0 ? [a.slice(2), 'true'] : [a.slice(2, at), a.slice(at + 1)];
      }),
  );
}

/** `--<name>=K=V,K=V`: settings for the processes a case starts (environment, Redis configuration). */
export function keyValues(args: Args, name: string): Record<string, string> {
  return Object.fromEntries(
    (args[name] ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}
