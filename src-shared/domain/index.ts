export * from './doc-types';
export * from './enums';
export * from './notation';
export * from './dates';
export * from './text-fold';
export * from './entities';
export * from './routing';
export * from './working-days';
