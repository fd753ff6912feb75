export * from './import-records';
export type { LineError } from './line-errors';
export { importReaders } from './readers';
