export * from './duplicate-keys';
export * from './match-key';
export * from './matchable';
/** The match key case table: a conformance suite for both renderings of each key (JavaScript and SQL). */
export * from './match-cases';
