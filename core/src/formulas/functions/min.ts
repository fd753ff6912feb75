import { extreme } from './extreme';

/** MIN(a, b, ...): the smallest non-NULL number. */
export const MIN = extreme('MIN', 'LEAST', (a, b) => a < b);
