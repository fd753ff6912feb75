export * from './list-sql';
export * from './list-page';
