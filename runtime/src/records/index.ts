export * from './list-sql';
export * from './list-page';
export * from './history';
export * from './operations';
export * from './record-error';
export * from './serialize';
export * from './statements';
export * from './bulk-create';
