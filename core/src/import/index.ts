export * from './column-mapping';
export * from './import-options';
export * from './row-values';
