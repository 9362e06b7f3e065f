/**
 * A word as a POSIX shell reads it back, for commands the bridge prints for an operator to paste (`pnpm ops …`):
 * an accessId may hold any punctuation (`$`, `'`, `;`), so it is single-quoted unless it needs nothing.
 */
export function shellWord(word: string): string {
  return /^[\w.,:@%+=/-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
