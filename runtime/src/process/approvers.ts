import { isUuid } from '@tessera/core';
import type { ApproverSource } from '@tessera/metadata';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';

/** What approver sources are resolved against: the record and who submitted it. */
export interface ApproverScope {
  readonly trx: Knex.Transaction;
  readonly record: Row;
  readonly submittedBy: string | null;
}

const ACTIVE = 'coalesce(u.active, true)';

/** A source kind: how it turns into users (in order), and whether its users decide one after another. */
interface SourceKind {
  readonly resolve: (scope: ApproverScope, source: ApproverSource) => Promise<string[]>;
  readonly sequential?: (source: ApproverSource) => boolean;
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

const sourceKinds: Record<'user' | 'role' | 'team' | 'field' | 'manager', SourceKind> = {
  user: {
    resolve: async ({ trx }, s) => ids((await trx.raw(`select u.id from "user" u where ${ACTIVE} and ${isUuid(s.user!) ? 'u.id = ?::uuid' : 'lower(u.email) = lower(?)'}`, [s.user!])).rows),
  },
  role: {
    resolve: async ({ trx }, s) => ids((await trx.raw(`select u.id from "user" u join tessera_user_roles r on r.user_id = u.id where r.role = ? and ${ACTIVE} order by u.name, u.id`, [s.role!])).rows),
  },
  // A department by id or by name: its members, and the members of the departments below it.
  team: {
    resolve: async ({ trx }, s) => ids((await trx.raw(`with recursive t(id) as (
        select id from "team" where ${isUuid(s.team!) ? 'id = ?::uuid' : 'name = ?'}
        union select c.id from "team" c join t on c.parent = t.id)
      select u.id from "user" u join t on u.team = t.id where ${ACTIVE} order by u.name, u.id`, [s.team!])).rows),
  },
  field: {
    resolve: async ({ trx, record }, s) => {
      const id = record[s.field!];
      return typeof id === 'string' && isUuid(id) ? ids((await trx.raw(`select u.id from "user" u where u.id = ? and ${ACTIVE}`, [id])).rows) : [];
    },
  },
  // The owner's or submitter's manager, or every manager up the chain to `levels` (each approves in turn).
  manager: {
    resolve: async ({ trx, record, submittedBy }, s) => {
      const base = s.manager === 'owner' ? record.ownerId : submittedBy;
      if (typeof base !== 'string') return [];
      const rows = (await trx.raw(`with recursive chain(id, depth) as (
          select m.manager, 1 from "user" m where m.id = ? and m.manager is not null
          union select u.manager, c.depth + 1 from chain c join "user" u on u.id = c.id where u.manager is not null and c.depth < ?)
        select c.id from chain c join "user" u on u.id = c.id where ${ACTIVE} order by c.depth`, [base, s.levels ?? 1])).rows as Array<{ id: string }>;
      return ids(rows);
    },
    sequential: (s) => (s.levels ?? 1) > 1,
  },
};

const kindOf = (s: ApproverSource) => (Object.keys(sourceKinds) as Array<keyof typeof sourceKinds>).find((k) => s[k] !== undefined)!;

/** The users sources name, in order and each once, and whether they must decide one after another (a manager chain). */
export async function resolveApprovers(scope: ApproverScope, sources: ApproverSource | readonly ApproverSource[]): Promise<{ users: string[]; sequential: boolean }> {
  const list = Array.isArray(sources) ? sources : [sources as ApproverSource];
  const users: string[] = [];
  let sequential = false;
  for (const source of list) {
    const kind = sourceKinds[kindOf(source)];
    for (const id of await kind.resolve(scope, source)) if (!users.includes(id)) users.push(id);
    sequential ||= kind.sequential?.(source) ?? false;
  }
  return { users, sequential };
}

/** The manager of a user (active), if any: where an escalation goes. */
export async function managerOf(trx: Knex.Transaction, userId: string): Promise<string | undefined> {
  const row = (await trx.raw(`select u.id from "user" m join "user" u on u.id = m.manager where m.id = ? and ${ACTIVE}`, [userId])).rows[0] as { id: string } | undefined;
  return row?.id;
}

/** The active administrators: who gets a step nobody else can approve. */
export async function administrators(trx: Knex.Transaction): Promise<string[]> {
  return ids((await trx.raw(`select u.id from "user" u join tessera_user_roles r on r.user_id = u.id where r.role = 'admin' and ${ACTIVE} order by u.name, u.id`)).rows);
}
