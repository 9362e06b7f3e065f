// Public surface of @bridge/qianyi: the Qianyi warehouse protocol, with no HTTP server, queue or
// eTower knowledge in it.
export * from './methods';
export * from './envelope';
export * from './fastjson-quote';
export * from './sign';
export * from './content';
export * from './issues';
export * from './schemas/index';
export * from './statuses';
export * from './responses';
export * from './response-schemas';
export * from './webhook';
export * from './signed-call';
