export * from './mutations';
export * from './protocol';
export * from './mutations-routing';
export * from './changes-routing';
