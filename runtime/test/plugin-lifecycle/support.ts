import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Target } from '../support/cli-target';

/** Writes a file (JSON unless a string), creating its folders. */
export async function write(dir: string, file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
}

/** Reads a JSON file. */
export const readJson = async <T = Record<string, unknown>>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

/** The base plugin: an account entity with a picklist. */
export async function writeBase(root: string): Promise<string> {
  const dir = path.join(root, 'plugins', 'base');
  await write(dir, 'plugin.json', { name: 'base', version: '1.0.0', label: { en: 'Base', 'zh-CN': '基础' } });
  await write(dir, 'entities/account.json', {
    name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, ownership: 'none',
    fields: { name: { type: 'text', required: true }, industry: { type: 'picklist', options: ['tech', 'retail'] } },
  });
  return dir;
}

/** How a partner version differs from 1.0.0. */
export interface PartnerVariant {
  readonly version?: string;
  readonly range?: string;
  /** 1.1.0's changes: score renamed to rating, a band column, a new stage option, data migrations. */
  readonly renamed?: boolean;
  readonly dropAmount?: boolean;
  readonly dropNotes?: boolean;
  /** Replaces the SQL of migrations/1.1.0.sql. */
  readonly migration?: string;
}

/**
 * The partner plugin (with the base plugin beside it, so its dependency resolves when packed): a deal entity, an
 * extension of base's account (a field and a picklist option), and per-version data migrations.
 */
export async function writePartner(root: string, variant: PartnerVariant = {}): Promise<string> {
  await writeBase(root);
  const dir = path.join(root, 'plugins', 'partner');
  const v = { version: '1.0.0', range: '^1.0.0', ...variant };
  await write(dir, 'plugin.json', { name: 'partner', version: v.version, label: { en: 'Partner deals', 'zh-CN': '伙伴商机' }, dependsOn: { base: v.range } });
  const score = v.renamed ? { rating: { type: 'integer', renamedFrom: 'score', label: { en: 'Rating' } } } : { score: { type: 'integer', label: { en: 'Score' } } };
  await write(dir, 'entities/deal.json', {
    name: 'deal', label: { en: 'Deal', 'zh-CN': '商机' }, titleField: 'title', ownership: 'none',
    fields: {
      title: { type: 'text', required: true },
      ...(v.dropAmount ? {} : { amount: { type: 'currency', label: { en: 'Amount' } } }),
      ...score,
      stage: { type: 'picklist', options: v.renamed ? ['new', 'negotiation', 'won', 'lost'] : ['new', 'won', 'lost'], default: 'new' },
      ...(v.dropNotes ? {} : { notes: { type: 'longText' } }),
      ...(v.renamed ? { band: { type: 'text' } } : {}),
      account: { type: 'lookup', target: 'account' },
    },
  });
  await write(dir, 'entities/account-partner.json', { extends: 'account', fields: { partnerTier: { type: 'picklist', options: ['silver', 'gold'] } }, addOptions: { industry: ['finance'] } });
  await write(dir, 'migrations/1.0.0.sql', "update deal set notes = 'never runs: not above the installed version';\n");
  if (v.renamed) {
    await write(dir, 'migrations/1.0.9.sql', "update deal set band = 'a';\n");
    await write(dir, 'migrations/1.0.10.sql', "update deal set band = band || 'b';\n");
    await write(dir, 'migrations/1.1.0.sql', v.migration ?? "update deal set band = (case when rating >= 50 then 'high' else 'low' end) || '-' || band;\n");
  }
  await write(dir, 'node_modules/left-pad/index.js', 'module.exports = 1;\n');
  await write(dir, '.env', 'SECRET=1\n');
  return dir;
}

/** Every file under a folder (its sha256), and every table of the schema (its columns, rows and a digest of them). */
export async function snapshot(appDir: string, target: Target): Promise<{ files: Record<string, string>; tables: Record<string, string> }> {
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files[path.relative(appDir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
    }
  };
  await walk(appDir);
  const tables = await target.query(async (knex) => {
    const names = await knex('information_schema.tables').where('table_schema', knex.raw('current_schema()')).orderBy('table_name').pluck('table_name') as string[];
    const out: Record<string, string> = {};
    for (const name of names) {
      const columns = await knex('information_schema.columns').where({ table_name: name }).andWhere('table_schema', knex.raw('current_schema()')).orderBy('column_name').pluck('column_name');
      const { rows } = await knex.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`) as { rows: Array<{ n: number; digest: string }> };
      out[name] = `${columns.join(',')} ${rows[0]!.n} ${rows[0]!.digest}`;
    }
    return out;
  });
  return { files, tables };
}
