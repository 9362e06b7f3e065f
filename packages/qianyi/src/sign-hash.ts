// SHA-1 over a signed text fed in pieces, counting the bytes it hashes and refusing to pass a limit. Nothing here
// builds the whole text: a 20 MB content is encoded chunk by chunk into one reused buffer.
import { createHash, type Hash } from 'node:crypto';
import { writeQuoted, type ByteOut, type QuoteStats, type QuoteStyle } from './quoted-writer';

const CHUNK_UNITS = 1 << 16;
// One scratch buffer for the process: hashing is synchronous, so no two uses ever overlap. A UTF-16 unit is at
// most 3 UTF-8 bytes (a surrogate pair is 4 for 2 units).
const scratch = new Uint8Array(CHUNK_UNITS * 3 + 16);
const encoder = new TextEncoder();
const SMALL = 1024;

/** A raw string quoted on the fly; `learn` receives its size and counts when it was written whole. */
export interface QuotedPiece {
  readonly raw: string;
  readonly style: QuoteStyle;
  readonly learn?: (bytes: number, stats: QuoteStats) => void;
}

/** Literal (or already quoted) text, or a raw string quoted on the fly. */
export type SignPiece = string | QuotedPiece;

export class SignHash implements ByteOut {
  readonly buf = scratch;
  /** UTF-8 bytes hashed so far. */
  bytes = 0;
  /** True once a piece would have passed the limit: the digest is then meaningless and is not to be used. */
  stopped = false;
  private readonly hash: Hash = createHash('sha1');

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  flush(length: number): boolean {
    if (this.stopped || this.bytes + length > this.limit) {
      this.stopped = true;
      return false;
    }
    this.hash.update(this.buf.subarray(0, length));
    this.bytes += length;
    return true;
  }

  /**
   * UTF-8 of a string. TextEncoder.encodeInto is several times faster than Hash#update(string, 'utf8') on large
   * one-byte strings; a chunk never ends between the two halves of a surrogate pair.
   */
  text(s: string): this {
    if (s.length <= SMALL) {
      const length = Buffer.byteLength(s, 'utf8');
      if (this.stopped || this.bytes + length > this.limit) this.stopped = true;
      else {
        this.hash.update(s, 'utf8');
        this.bytes += length;
      }
      return this;
    }
    for (let start = 0; start < s.length && !this.stopped; ) {
      let end = Math.min(start + CHUNK_UNITS, s.length);
      const last = s.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff && end < s.length) end++;
      const { written } = encoder.encodeInto(s.substring(start, end), this.buf);
      this.flush(written);
      start = end;
    }
    return this;
  }

  piece(piece: SignPiece): this {
    if (typeof piece === 'string') return this.text(piece);
    if (this.stopped) return this;
    const before = this.bytes;
    const stats = writeQuoted(piece.raw, piece.style, this);
    if (stats !== undefined) piece.learn?.(this.bytes - before, stats);
    return this;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
