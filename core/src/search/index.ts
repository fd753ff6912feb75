export * from './tokenize';
export * from './search-terms';
export * from './searchable-fields';
export * from './search-request';
export * from './highlights';
/** The lexeme case table: a conformance suite for tokenizers of search text (this one and the SQL one). */
export * from './search-cases';
