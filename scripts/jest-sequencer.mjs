import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Sequencer from '@jest/test-sequencer';

/**
 * Jest starts the files it knows to be long first (their durations from its cache) and, when it knows none, the
 * biggest files first. A fresh clone — every CI run — knows none, and there size misleads twice: unit files are
 * big and quick, and the longest integration file (apps/worker/test/orders.int.test.ts) only gathers the cases of
 * its `*.cases.ts` files onto one shared stack, so it is one of the smallest; started last, it alone kept
 * `pnpm test` going for 15 s after the rest. So with no durations known: integration files (processes, Redis,
 * timers: seconds each) before unit files (mostly under a second), each biggest first, a file counting the
 * `*.cases.ts` files it imports.
 */
export default class IntegrationFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((t) => t.duration != null)) return sorted;
    const integration = (t) => t.path.endsWith('.int.test.ts');
    const bySize = (a, b) => sizeWithCases(b.path) - sizeWithCases(a.path);
    return [...sorted.filter(integration).sort(bySize), ...sorted.filter((t) => !integration(t))];
  }
}

function sizeWithCases(path) {
  const source = readFileSync(path, 'utf8');
  const cases = [...source.matchAll(/from '(\.[^']+\.cases)'/g)].map((m) => resolve(dirname(path), `${m[1]}.ts`));
  return cases.reduce((sum, file) => sum + statSync(file).size, source.length);
}
