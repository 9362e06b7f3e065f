import { PerformanceObserver, constants } from 'node:perf_hooks';
import { settleHeapAfterStartup } from '../src/heap-growth';

// The memory it saves is measured by `pnpm bench` (case 1's peak RSS); here: that it really runs a full GC,
// and leaves no `gc` on the process's global.
function nextMajorGc(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (
        list
          .getEntries()
          .some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      ) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(true);
      }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(false);
    }, timeoutMs);
    observer.observe({ entryTypes: ['gc'] });
  });
}

test('a capped process runs one full GC when start-up is done', async () => {
  const seen = nextMajorGc(2000);
  settleHeapAfterStartup(30);
  expect(await seen).toBe(true);
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
});
