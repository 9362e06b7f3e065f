import teardownIntegration from '../packages/testkit/src/jest-global-teardown';
import { readAllFigures, renderTable, violations } from './lib/figures';
import { SCALE_NAME } from './lib/scale';

/** Prints every scenario's figures as one table; a figure that must be zero and is not fails the run. */
export default async function teardown(): Promise<void> {
  await teardownIntegration();
  const all = readAllFigures();
  process.stdout.write(`\nReliability figures (RELIABILITY_SCALE=${SCALE_NAME})\n\n${renderTable(all)}\n`);
  const bad = violations(all);
  if (bad.length) throw new Error(`figures that must be zero are not:\n${bad.join('\n')}`);
}
