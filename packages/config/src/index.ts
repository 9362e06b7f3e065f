export * from './env';
export * from './tenants';
export * from './load';
