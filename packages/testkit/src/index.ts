export * from './free-port';
export * from './redis-server';
export * from './app-process';
export * from './paths';
export * from './test-redis';
export * from './bridge-harness';
export * from './redis-topology';
export * from './fixtures';
