import { Registry } from '../../registry';
import type { BinaryOperator, UnaryOperator } from '../types';
import { add, divide, modulo, multiply, negate, subtract } from './arithmetic';
import { equal, greater, greaterOrEqual, less, lessOrEqual, notEqual } from './comparison';
import { and, not, or } from './logical';

/** The binary operators formulas accept, by symbol; the parser is configured from this list. */
export const binaryOperators = new Registry<string, BinaryOperator>(
  'formula operator',
  [add, subtract, multiply, divide, modulo, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, and, or].map((op) => [op.symbol, op] as const),
);

/** The unary operators formulas accept, by symbol. */
export const unaryOperators = new Registry<string, UnaryOperator>('formula unary operator', [negate, not].map((op) => [op.symbol, op] as const));
