import { isUuid } from '@tessera/core';
import type { Knex } from 'knex';
import { pageOf, type PageQuery } from './page-query';
import { NOTIFICATIONS_TABLE } from './tables';

/** A notification as the API shows it. */
export interface NotificationView {
  readonly id: string;
  readonly title: string | null;
  readonly body: string | null;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly link: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

interface Row {
  id: string; title: string | null; body: string | null; entity: string | null; record_id: string | null; link: string | null;
  created_at: string; read_at: string | null;
}

type ListedRow = Row & { position: string };

const view = (r: Row): NotificationView => ({
  id: r.id, title: r.title, body: r.body, entity: r.entity, recordId: r.record_id, link: r.link, createdAt: r.created_at, readAt: r.read_at,
});

// The keyset position carries created_at to the microsecond (the API's instants stop at the millisecond, and rows made
// within one millisecond would otherwise be skipped or repeated across pages), then the id.
const COLUMNS = ['id', 'title', 'body', 'entity', 'record_id', 'link', 'created_at', 'read_at'];
const POSITION = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`;
const POSITION_TEXT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** Whether decoded cursor values are a position this list wrote: [created_at text, id]. */
export const isNotificationPosition = (v: readonly unknown[]): boolean =>
  typeof v[0] === 'string' && POSITION_TEXT.test(v[0]) && typeof v[1] === 'string' && isUuid(v[1]);

/** A page of a user's notifications, newest first, and the cursor of the next page. */
export async function listNotifications(knex: Knex, userId: string, q: PageQuery & { unread: boolean }): Promise<{ data: NotificationView[]; next: string | null }> {
  const query = knex(NOTIFICATIONS_TABLE).where('user_id', userId)
    .select([...COLUMNS, knex.raw(POSITION)])
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(q.limit + 1);
  if (q.unread) query.whereNull('read_at');
  if (q.after) query.whereRaw('(created_at, id) < (?::timestamptz, ?::uuid)', [q.after[0] as string, q.after[1] as string]);
  const page = pageOf(await query as ListedRow[], q.limit, (r) => [r.position, r.id]);
  return { data: page.rows.map(view), next: page.next };
}

/** How many of a user's notifications are unread. */
export async function unreadCount(knex: Knex, userId: string): Promise<number> {
  const [row] = await knex(NOTIFICATIONS_TABLE).where('user_id', userId).whereNull('read_at').count({ n: '*' }) as Array<{ n: string }>;
  return Number(row?.n ?? 0);
}

/** Marks one of a user's notifications read (keeping the first reading time); undefined when the user has none of that id. */
export async function markRead(knex: Knex, userId: string, id: string): Promise<NotificationView | undefined> {
  const [row] = await knex(NOTIFICATIONS_TABLE).where({ id, user_id: userId })
    .update({ read_at: knex.raw('coalesce(read_at, now())') }, COLUMNS) as Row[];
  return row && view(row);
}

/** Marks every unread notification of a user read; answers how many there were. */
export async function markAllRead(knex: Knex, userId: string): Promise<number> {
  return knex(NOTIFICATIONS_TABLE).where('user_id', userId).whereNull('read_at').update({ read_at: knex.fn.now() });
}
