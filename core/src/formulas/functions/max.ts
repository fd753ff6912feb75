import { extreme } from './extreme';

/** MAX(a, b, ...): the largest non-NULL number. */
export const MAX = extreme('MAX', 'GREATEST', (a, b) => a > b);
