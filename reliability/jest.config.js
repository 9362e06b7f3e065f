// The reliability suite (`pnpm test:reliability`): scenarios against real processes, each recording its figures;
// the global teardown prints them as one table and fails the run if a figure that must be zero is not.
// A config of its own, so that `pnpm test` never runs it. RELIABILITY_SCALE=small is the bounded form CI runs.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  },
];
export default {
  rootDir: '..',
  displayName: 'reliability',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  testMatch: ['<rootDir>/reliability/**/*.rel.test.ts'],
  globalSetup: '<rootDir>/reliability/global-setup.ts',
  globalTeardown: '<rootDir>/reliability/global-teardown.ts',
  // Scenarios kill and restart processes and Redis and measure memory: one at a time keeps the figures honest.
  maxWorkers: 1,
  testTimeout: 900000,
};
