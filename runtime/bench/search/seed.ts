import type { Database } from '../../src/db/connect';
import { BRANDS, FIRST_NAMES, FORMS, GIVEN, INDUSTRIES, LAST_NAMES, LATIN_NAMES, REGIONS, SURNAMES, TRADES } from './vocabulary';

/** How many records of each entity the bench loads. */
export interface SearchRows {
  readonly accounts: number;
  readonly contacts: number;
}

// Picks a word of a list for row n by a hash of n salted per pick, so that the picks (and the Chinese or Latin choice)
// vary independently of each other: a query's selectivity is then the product of its words' shares.
const pick = (list: readonly string[], salt: number) => `(?::text[])[1 + (hashint4(n + ${salt * 10_000_019})::bigint + 2147483648) % ${list.length}]`;

// 7 rows in 10 have a Chinese name, the others a Latin one.
const ACCOUNT_NAME = `case when n % 10 < 7
  then ${pick(REGIONS, 7)} || ${pick(BRANDS, 11)} || ${pick(INDUSTRIES, 13)} || ${pick(FORMS, 17)}
       || case when n % 4 = 0 then '第' || (1 + n % 50) || '分公司' else '' end
  else ${pick(LATIN_NAMES, 19)} || ' ' || ${pick(TRADES, 23)} || ' ' || (n % 10000) end`;
const ACCOUNT_BINDINGS = [REGIONS, BRANDS, INDUSTRIES, FORMS, LATIN_NAMES, TRADES];

const CONTACT_NAME = `case when n % 10 < 7
  then ${pick(SURNAMES, 7)} || ${pick(GIVEN, 11)} || case when n % 2 = 0 then ${pick(GIVEN, 13)} else '' end
  else ${pick(FIRST_NAMES, 17)} || ' ' || ${pick(LAST_NAMES, 19)} end`;
// Contacts' e-mails are at their company's domain ("user123@acme.com"), so a Latin query also matches contacts.
const CONTACT_EMAIL = `'user' || n || '@' || lower(${pick(LATIN_NAMES, 29)}) || '.com'`;
const CONTACT_BINDINGS = [SURNAMES, GIVEN, GIVEN, FIRST_NAMES, LAST_NAMES, LATIN_NAMES];

// An array bound as PostgreSQL's array text: knex would spread a JavaScript array into a list of values.
const arrayText = (items: readonly string[]) => `{${items.map((i) => `"${i}"`).join(',')}}`;

/**
 * Loads the records in SQL (generate_series), owned in turn by each of `owners`. The search indexes are dropped for
 * the load and built again after it, as a bulk load would, then the tables analyzed so the planner knows their terms.
 */
export async function seedRecords(db: Database, owners: readonly string[], rows: SearchRows): Promise<void> {
  const indexes = (await db.knex.raw(`select indexname, indexdef from pg_indexes where schemaname = current_schema() and indexname like '%\\_search'`)).rows as Array<{ indexname: string; indexdef: string }>;
  for (const index of indexes) await db.knex.raw(`drop index "${index.indexname}"`);
  const owner = `(?::uuid[])[1 + (hashint4(n)::bigint + 2147483648) % ${owners.length}]`;
  await db.knex.raw(
    `insert into account (id, name, email, owner_id, created_by, updated_by)
     select gen_random_uuid(), ${ACCOUNT_NAME}, 'info' || n || '@example.com', ${owner}, ${owner}, ${owner}
     from generate_series(1, ?) as n`,
    [...ACCOUNT_BINDINGS.map(arrayText), ...Array(3).fill(arrayText(owners)), rows.accounts],
  );
  await db.knex.raw(
    `insert into contact (id, name, email, phone, owner_id, created_by, updated_by)
     select gen_random_uuid(), ${CONTACT_NAME}, ${CONTACT_EMAIL}, '+86 1' || lpad(((n::bigint * 7919) % 10000000000)::text, 10, '0'),
            ${owner}, ${owner}, ${owner}
     from generate_series(1, ?) as n`,
    [...CONTACT_BINDINGS.map(arrayText), ...Array(3).fill(arrayText(owners)), rows.contacts],
  );
  await db.knex.transaction(async (trx) => {
    await trx.raw(`set local maintenance_work_mem = '512MB'`);
    for (const index of indexes) await trx.raw(index.indexdef);
  });
  await db.knex.raw('analyze account, contact');
}
