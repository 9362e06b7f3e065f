/** One line of `ops doctor`. `skip`: not run because a check it needs failed (the run fails anyway). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
}

export const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
export const warn = (check: string, detail: string): CheckResult => ({ check, status: 'warn', detail });
export const fail = (check: string, detail: string): CheckResult => ({ check, status: 'fail', detail });
export const skip = (check: string, because: string): CheckResult => ({
  check,
  status: 'skip',
  detail: `not checked: ${because}`,
});

/** Only `fail` and `skip` make the run fail: a warning is worth reading, not worth paging anyone. */
export const failed = (results: readonly CheckResult[]): boolean =>
  results.some((r) => r.status === 'fail' || r.status === 'skip');
