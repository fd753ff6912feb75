import { quoteIdent } from '@tessera/core';
import { identifier } from './names';

/** The sequence that numbers an autonumber column. */
export const sequenceName = (table: string, column: string): string => identifier(`${table}_${column}_seq`);

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

// The date parts a pattern may hold, as to_char spells them; "{0000}" is the number, zero-padded to its width.
const DATE_PARTS: Record<string, string> = { YYYY: 'YYYY', YY: 'YY', MM: 'MM', DD: 'DD' };

/**
 * The column default that numbers a row: the pattern ("Q-{YYYY}-{0000}") as SQL over the column's sequence, so the
 * number is taken in the insert itself (gap-tolerant, never duplicated, safe across instances).
 */
export function autonumberDefault(format: string, sequence: string): string {
  const parts = format.split(/(\{[^}]*\})/).filter(Boolean).map((part) => {
    const token = /^\{([^}]*)\}$/.exec(part)?.[1];
    if (token !== undefined && /^0+$/.test(token)) return `lpad(nextval(${quoteLiteral(quoteIdent(sequence))})::text, ${token.length}, '0')`;
    if (token !== undefined && Object.hasOwn(DATE_PARTS, token)) return `to_char(now(), ${quoteLiteral(DATE_PARTS[token]!)})`;
    return quoteLiteral(part);
  });
  return `(${parts.join(' || ')})`;
}

/** The statements that create a column's sequence before the column (and its default) are added. */
export const createSequence = (sequence: string, start: number): string =>
  `create sequence if not exists ${quoteIdent(sequence)} start with ${Math.trunc(start)} minvalue 0`;
