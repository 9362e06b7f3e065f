export * from './logger';
export * from './redis';
export * from './shutdown';
export * from './trace';
export * from './script';
export * from './close-server';
export * from './heap-growth';
export * from './coalesce-writes';
