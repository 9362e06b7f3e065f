import type { AppProcess, BridgeHarness } from '../../packages/testkit/src/index';
import { record, type Figure } from './figures';
import { secretFigures } from './secrets';

/** Records a scenario's figures, then fails the test naming every must-be-zero figure that is not. */
export function report(scenario: string, file: string, figures: Figure[]): void {
  record(scenario, file, figures);
  expect(figures.filter((f) => f.mustBeZero && f.value !== 0)).toEqual([]);
}

/** Every scenario ends with the secrets scan over its own processes' output and its Redis. */
export async function reportSecrets(
  scenario: string,
  file: string,
  bridge: BridgeHarness,
  extra: readonly AppProcess[] = [],
): Promise<void> {
  const processes = [bridge.ingress, ...new Set([...bridge.workers, ...extra])];
  report(scenario, file, await secretFigures(processes, bridge.redisUrl));
}
