import { rmSync } from 'node:fs';
import setupIntegration from '../packages/testkit/src/jest-global-setup';
import { RESULTS_DIR } from './lib/figures';

/** Builds the apps and starts the suite's Redis (as the integration tests do), and clears the last run's figures. */
export default async function setup(): Promise<void> {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  await setupIntegration();
}
