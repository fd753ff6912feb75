import { createHash } from 'node:crypto';

const MAX = 63;

/** An identifier of at most 63 bytes: long ones keep a readable head and a short hash of the whole, so they stay unique. */
export function identifier(name: string): string {
  if (Buffer.byteLength(name) <= MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let head = name;
  while (Buffer.byteLength(`${head}_${hash}`) > MAX) head = head.slice(0, -1);
  return `${head}_${hash}`;
}

/** The name of an index over a table's columns (unique ones end in _key, as PostgreSQL names them). */
export const indexName = (table: string, columns: readonly string[], unique: boolean): string =>
  identifier(`${table}_${columns.join('_')}_${unique ? 'key' : 'idx'}`);

/** The name of a column's foreign key. */
export const foreignKeyName = (table: string, column: string): string => identifier(`${table}_${column}_fkey`);
