import type { SandboxStats } from '@bridge/testkit';
import type { SimStats } from '../src/etower/state';

// The testkit writes the stats answer's shape out (it imports no app); the typecheck fails here if the two drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: Same<SandboxStats, SimStats> = true;

test('the testkit reads the sandbox stats as the sandbox writes them', () => {
  expect(same).toBe(true);
});
