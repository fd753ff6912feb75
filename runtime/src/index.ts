export * from './db/connect';
export * from './metadata/fs-reader';
export { main as cli } from './cli/main';
export * from './migrator';
export * from './records';
