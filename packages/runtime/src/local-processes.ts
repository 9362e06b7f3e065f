// `@bridge/runtime/local-processes`: what runs the bridge on one machine (pnpm start) and in the tests (the testkit
// re-exports it): a private redis-server, an app's built process, a free port, the repository root. An entry point
// of its own, so that the apps which never start processes do not bundle it.
export * from './app-process';
export * from './free-port';
export * from './redis-server';
export * from './repo-root';
