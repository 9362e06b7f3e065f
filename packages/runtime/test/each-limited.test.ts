import { eachLimited } from '../src/each-limited';

/** A call that stays in flight until released, recording how many are in flight at once. */
function gate() {
  let inFlight = 0;
  let most = 0;
  const started: number[] = [];
  const release: Array<() => void> = [];
  const fn = (n: number) => {
    started.push(n);
    most = Math.max(most, ++inFlight);
    return new Promise<void>((resolve) => {
      release.push(() => {
        inFlight--;
        resolve();
      });
    });
  };
  const releaseAll = async () => {
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { fn, started, releaseAll, most: () => most };
}

test('at most `limit` calls in flight, every item once, in order', async () => {
  const g = gate();
  const done = eachLimited([1, 2, 3, 4, 5, 6, 7], 3, g.fn);
  await new Promise((r) => setImmediate(r));
  expect(g.started).toEqual([1, 2, 3]);
  await g.releaseAll();
  await done;
  expect(g.started).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(g.most()).toBe(3);
});

test('no items: resolves without calling', async () => {
  let calls = 0;
  await eachLimited([], 4, async () => {
    calls++;
  });
  expect(calls).toBe(0);
});

test('after a failure no further item starts; the first failure is thrown once the calls in flight settle', async () => {
  const started: number[] = [];
  let slowSettled = false;
  const run = eachLimited([1, 2, 3, 4, 5], 2, async (n) => {
    started.push(n);
    if (n === 1) {
      await new Promise((r) => setTimeout(r, 20));
      slowSettled = true;
      return;
    }
    throw new Error(`item ${n} failed`);
  });
  await expect(run).rejects.toThrow('item 2 failed');
  expect(started).toEqual([1, 2]);
  expect(slowSettled).toBe(true);
});
