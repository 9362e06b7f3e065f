import { isIPv6 } from 'node:net';

/**
 * Failed logins per client address, in fixed windows. After `maxFailures` wrong credentials from one
 * address within `windowMs` of its first failure, every request from that address is refused until the
 * window ends, right credentials included (answering a right guess differently would let guessing go on).
 * Successful logins are not counted and do not reset the count: the board polls every few seconds, and an
 * operator behind the same address as an attacker would otherwise keep the attacker's count at zero.
 *
 * Memory is bounded whatever the number of addresses: at most `maxAddresses` entries (about 100 bytes
 * each). Entries sit in a Map in the order their window started, so expired ones are dropped from the
 * front; when every entry is still live the oldest window is forgotten (an attacker rotating through that
 * many addresses gets `maxFailures` guesses from each anyway).
 */
export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
  maxAddresses: number;
  now?: () => number;
}

// 10 wrong passwords in 5 minutes is more than a person mistypes and far too few to guess a real password;
// constants rather than variables, since no deployment has needed other numbers.
export const LOGIN_LIMITS: LoginLimiterOptions = { maxFailures: 10, windowMs: 5 * 60_000, maxAddresses: 10_000 };

interface Window {
  startedAt: number;
  failures: number;
}

export type LoginCheck = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly options: LoginLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.windows.size;
  }

  check(key: string): LoginCheck {
    const window = this.live(key);
    if (!window || window.failures < this.options.maxFailures) return { blocked: false };
    const remainingMs = window.startedAt + this.options.windowMs - this.now();
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  recordFailure(key: string): void {
    const window = this.live(key);
    if (window) {
      window.failures += 1;
      return;
    }
    this.makeRoom();
    this.windows.set(key, { startedAt: this.now(), failures: 1 });
  }

  /** The key's window if it has not ended; an ended one is dropped. */
  private live(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.options.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private makeRoom(): void {
    const cutoff = this.now() - this.options.windowMs;
    for (const [key, window] of this.windows) {
      if (window.startedAt > cutoff && this.windows.size < this.options.maxAddresses) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The address a failure is counted against: the TCP peer, never X-Forwarded-For (no proxy is trusted, so
 * the header is whatever the client wants it to be). IPv4-mapped IPv6 is the IPv4 address; other IPv6
 * addresses count per /64, the block one subscriber usually holds whole, so rotating through it buys nothing.
 */
export function clientKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
  if (mapped) return mapped[1]!;
  if (!isIPv6(remoteAddress)) return remoteAddress;
  return `${expandIPv6(remoteAddress).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, zone id dropped, each without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part stands for two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right];
  return groups.map((g) => (g.includes('.') ? g : parseInt(g, 16).toString(16)));
}
