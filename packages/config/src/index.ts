export * from './env';
export * from './tenants';
export * from './access-id';
export * from './load';
export * from './redis-target';
export * from './product-defaults';
export * from './asn-shipper';
export * from './time-zone';
