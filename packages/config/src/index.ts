export * from './env';
export * from './tenants';
export * from './load';
export * from './product-defaults';
export * from './asn-shipper';
export * from './time-zone';
