export * from './mutations';
export * from './protocol';
export * from './mutations-routing';
export * from './changes-routing';
export * from './mutations-outgoing';
export * from './changes-outgoing';
