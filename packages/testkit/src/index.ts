export * from '@bridge/runtime/local-processes';
export * from './test-redis';
export * from './bridge-harness';
export * from './redis-topology';
export * from './fixtures';
export * from './endless-answer';
