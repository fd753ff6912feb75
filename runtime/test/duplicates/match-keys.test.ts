import { fieldTypes, MATCH_KEY_CASES, type MatchKey } from '@tessera/core';
import { matchKeys } from '../../src/duplicates/duplicate-indexes';
import { openTestDatabase, testEngines } from '../support/databases';

const KEYS: Record<keyof typeof MATCH_KEY_CASES, MatchKey> = {
  text: fieldTypes.get('text').matchKey!, email: fieldTypes.get('email').matchKey!, phone: fieldTypes.get('phone').matchKey!,
};

/** Every BMP character but NUL and the surrogates, each alone: where NFKC, case tables and character classes differ first. */
const EVERY_CHARACTER = Array.from({ length: 0xFFFF }, (_v, i) => i + 1).filter((c) => c < 0xD800 || c > 0xDFFF).map((c) => String.fromCharCode(c));

/** Mixed strings drawn from the scripts and symbols a Chinese CRM meets, by a fixed-seed generator. */
function mixedStrings(count: number): string[] {
  const pool = [...'AbZ09 _-.,;:!?()[]{}@+#&/\\\'"', ...'ÀÉÑÖØßàéñöøÆŒĲǄǅǆΣσςΑДжЁ', ...'公司集团有限北京〇々ヶ㈱㍿', ...'（），。、；：？！《》【】「」“”‘’·・…—～',
    ...'ＡＢＣａｂｃ０１２　ｶﾀｶﾅ', '\u200B', '\uFEFF', '\u00A0', '\t', '\n', '\u212A', 'İ', '🎉', 'e\u0301', '한국'];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, () => pool[Math.floor(next() * pool.length)]).join(''));
}

describe.each(testEngines())('match key functions on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    for (const key of matchKeys()) await t.db.knex.raw(key.sql);
  });
  afterAll(() => t.close());

  const sqlKeys = async (key: MatchKey, values: readonly string[]): Promise<string[]> =>
    (await t.db.knex.raw(`select ${key.sqlFunction}(v) as k from unnest(?::text[]) with ordinality as u(v, n) order by n`, [[...values]])).rows.map((r: { k: string }) => r.k);

  it.each(Object.keys(KEYS) as Array<keyof typeof KEYS>)('%s: the case table', async (name) => {
    const cases = MATCH_KEY_CASES[name];
    expect(await sqlKeys(KEYS[name], cases.map(([value]) => value))).toEqual(cases.map(([, key]) => key));
  });

  // Only where Unicode assigned a character after the database's version: NFKC of the new U+A7F1 (Unicode 17) is "S"
  // in Node 20 and itself in PostgreSQL 15 to 18. Lookups normalize both sides in SQL, so only an import file's own
  // duplicates could see the difference.
  const NEWER_THAN_DATABASE = ['a7f1'];

  it.each(Object.keys(KEYS) as Array<keyof typeof KEYS>)('%s: SQL and JavaScript agree on every BMP character and on mixed strings', async (name) => {
    const key = KEYS[name];
    const values = [...EVERY_CHARACTER, ...mixedStrings(3000)];
    const sql = await sqlKeys(key, values);
    const differ = values.filter((v, i) => sql[i] !== key.normalize(v)).map((v) => [...v].map((c) => c.codePointAt(0)!.toString(16)).join(' '));
    expect(differ.filter((d) => !NEWER_THAN_DATABASE.includes(d))).toEqual([]);
  });

  it('gives null for null, and serves an index expression', async () => {
    expect((await t.db.knex.raw('select tessera_match_text(null) as k')).rows[0].k).toBeNull();
    await t.db.knex.raw('create table match_probe (name varchar(200), phone varchar(40))');
    await t.db.knex.raw('create index match_probe_idx on match_probe (tessera_match_text(name), tessera_match_phone(phone))');
    await t.db.knex.raw(`insert into match_probe select 'Company ' || g, '+86 138 0000 ' || lpad(g::text, 4, '0') from generate_series(1, 2000) g`);
    await t.db.knex.raw('analyze match_probe');
    const plan = (await t.db.knex.raw(`explain select * from match_probe where tessera_match_text(name) = 'company7' and tessera_match_phone(phone) = '13800000007'`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('match_probe_idx');
  });
});
