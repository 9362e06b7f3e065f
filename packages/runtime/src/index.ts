export * from './logger';
export * from './redis';
export * from './shutdown';
