export * from './errors';
export * from './methods';
export * from './wire';
export * from './handlers';
export * from './client';
export * from './direct-transport';
export * from './methods-outgoing';
export * from './methods-routing';
