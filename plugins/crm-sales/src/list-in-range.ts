import type { PluginRecords } from '@tessera/runtime';
import type { Row } from './values';

// PluginRecords.list answers at most this many; a full answer may have left some out.
const PAGE = 500;

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Every record matching the filter whose date field lies in [from, to] (YYYY-MM-DD), however many: a full answer is
 * asked again as two halves of the range, since a plugin's list has no cursor. Sums over a department's year stay
 * right past one page; more than a page on one single day is refused rather than counted short.
 */
export async function listInRange(records: PluginRecords, entity: string, filter: Row, field: string, from: string, to: string): Promise<Row[]> {
  const rows = await records.list(entity, { ...filter, [field]: { $gte: from, $lte: to } }, { limit: PAGE });
  if (rows.length < PAGE) return rows;
  if (from >= to) throw new Error(`crm-sales: more than ${PAGE} ${entity} records on ${from} for one figure`);
  const mid = Math.floor((dayNumber(from) + dayNumber(to)) / 2);
  return [...(await listInRange(records, entity, filter, field, from, dateOf(mid))), ...(await listInRange(records, entity, filter, field, dateOf(mid + 1), to))];
}
