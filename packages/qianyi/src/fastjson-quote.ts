// String quoting as fastjson 1.2.x writes it (reference §2.4). For almost every string that is exactly
// JSON.stringify's output, which is native and fast; the rest go through the linear writer of quoted-writer.ts.
import { FASTJSON, writeQuoted, type ByteOut, type Quoting } from './quoted-writer';

export type { Quoting };

// The only characters whose quoting differs between the two: controls whose `\u00XX` has a hex letter (fastjson
// writes it upper-case, JSON.stringify lower-case), and DEL, C1 controls, U+2028 and U+2029 (fastjson escapes them,
// JSON.stringify leaves them raw).
const DIFFERS_FROM_JSON_STRINGIFY = /[\u000b\u000e\u000f\u001a-\u001f\u007f-\u009f\u2028\u2029]/;

/** True when fastjson and JSON.stringify quote `s` differently (so a Jackson signer needs its own candidate). */
export function fastjsonDiffers(s: string): boolean {
  return DIFFERS_FROM_JSON_STRINGIFY.test(s);
}

/** Collects the writer's output as one string; only used for the rare strings JSON.stringify does not serve. */
class StringOut implements ByteOut {
  readonly buf = new Uint8Array(1 << 16);
  private readonly parts: Buffer[] = [];
  flush(length: number): boolean {
    this.parts.push(Buffer.from(this.buf.subarray(0, length)));
    return true;
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}

/**
 * fastjson: `"`, `\`, \b \t \n \f \r short; other C0, DEL, C1, U+2028/2029 as upper-case `\uXXXX`;
 * `/` and other non-ASCII raw. Lone surrogates keep JSON.stringify's `\udXXX` (Java would emit
 * them raw and UTF-8 would turn them into `?`; no real caller sends them).
 */
export function quoteFastjson(s: string): string {
  if (!fastjsonDiffers(s)) return JSON.stringify(s);
  const out = new StringOut();
  writeQuoted(s, FASTJSON, out);
  return out.text();
}

export function quote(s: string, quoting: Quoting): string {
  return quoting === 'fastjson' ? quoteFastjson(s) : JSON.stringify(s);
}
