export * from './cursor';
export * from './list-query';
export * from './parse-list-query';
export * from './parse-aggregate-query';
export * from './chart-params';
