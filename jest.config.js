import { availableParallelism } from 'node:os';

// Two projects: `unit` (pure code, no I/O) and `integration` (real Redis, real HTTP, real processes).
// Native ESM (got is ESM-only), TypeScript compiled per file by swc.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
export default {
  // A global option (not per project): integration tests wait on real processes.
  testTimeout: 60000,
  // Integration files first when jest knows no durations (a fresh clone, CI): scripts/jest-sequencer.mjs says why.
  testSequencer: '<rootDir>/scripts/jest-sequencer.mjs',
  // Jest's default (one worker per core but one) runs a 2-core machine's files one at a time, and most of an
  // integration file's time is waiting on processes, Redis and timers: half again as many files as cores overlap
  // those waits. At most 15: each worker has a Redis database of its own (testkit/test-redis.ts).
  maxWorkers: Math.min(15, Math.max(2, Math.round(availableParallelism() * 1.5))),
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,packages}/*/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,packages}/*/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/packages/testkit/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/packages/testkit/src/jest-global-teardown.ts',
    },
  ],
};
