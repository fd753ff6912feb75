export { parseFormula, MAX_FORMULA_LENGTH } from './parse';
export { evaluateFormula } from './evaluate';
export { formulaToSql } from './to-sql';
export { formulaFunctions } from './functions';
export { binaryOperators, unaryOperators } from './operators';
export { FORMULA_TYPES } from './types';
export type {
  BinaryOperator, FormulaFunction, FormulaIssue, FormulaIssueCode, FormulaNode, FormulaParseResult, FormulaType, Signature, UnaryOperator,
} from './types';
