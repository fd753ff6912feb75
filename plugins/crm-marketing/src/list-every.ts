import type { PluginRecords } from '@tessera/runtime';

type Row = Record<string, unknown>;
const PAGE = 500;

/**
 * Every record matching a filter, a page (the most a list answers) at a time. Ids cannot be compared, so pages go by
 * creation time, leaving out the records of the last page's time already read.
 */
export async function listEvery(records: PluginRecords, entity: string, filter: Row): Promise<Row[]> {
  const rows: Row[] = [];
  let at: unknown;
  let seen: string[] = [];
  for (;;) {
    const where = at === undefined ? filter : { $and: [filter, { createdAt: { $gte: at }, id: { $nin: seen } }] };
    const page = await records.list(entity, where, { sort: 'createdAt', limit: PAGE });
    rows.push(...page);
    if (page.length < PAGE) return rows;
    const last = page[page.length - 1]!.createdAt;
    const tied = page.filter((r) => r.createdAt === last).map((r) => r.id as string);
    seen = last === at ? [...seen, ...tied] : tied;
    at = last;
  }
}
