import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { PluginLinkUrl } from './plugin-api';
import type { PluginLinks } from './plugin-registry';

/** The secret signed links are made with, when TESSERA_LINK_SECRET does not give one: one row, shared by every server. */
export const LINK_SECRET_TABLE = 'tessera_link_secret';

// Longer tokens are refused unread: a payload is a few ids, and nothing an anonymous caller sends is hashed at length.
const MAX_TOKEN = 2048;

/** Creates the secret's table and the secret if missing (idempotent; safe when two servers start together). */
export async function ensureLinkTables(db: Knex | Knex.Transaction): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext('tessera.link-tables:' || current_schema()))`);
    await trx.raw(`create table if not exists ${LINK_SECRET_TABLE} (
      id smallint primary key default 1 check (id = 1),
      secret text not null,
      created_at timestamptz not null default now())`);
    await trx(LINK_SECRET_TABLE).insert({ id: 1, secret: randomBytes(32).toString('base64url') }).onConflict('id').ignore();
  });
}

/**
 * The secret links are signed with: TESSERA_LINK_SECRET, else the database's (made on first need, in the caller's
 * transaction when it has one, so a server that never signs a link never creates it). Read each time, never cached: a
 * process may serve more than one database (tests do), and the row is one indexed read.
 */
export async function linkSecret(db: Knex | Knex.Transaction): Promise<string> {
  const fromEnv = process.env.TESSERA_LINK_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const { rows } = await db.raw('select to_regclass(?) as found', [LINK_SECRET_TABLE]) as { rows: Array<{ found: string | null }> };
  if (!rows[0]?.found) await ensureLinkTables(db);
  const row = await db(LINK_SECRET_TABLE).where('id', 1).first('secret') as { secret: string };
  return row.secret;
}

const sorted = (payload: Readonly<Record<string, string>>) => Object.fromEntries(Object.keys(payload).sort().map((k) => [k, payload[k]!]));
const mac = (secret: string, plugin: string, name: string, body: string) =>
  createHmac('sha256', secret).update(JSON.stringify([plugin, name, body])).digest();

/** The token of a link: its payload (base64url JSON) and an HMAC-SHA256 of the plugin, the link's name and that payload. */
export function linkToken(secret: string, plugin: string, name: string, payload: Readonly<Record<string, string>>): string {
  const body = Buffer.from(JSON.stringify(sorted(payload))).toString('base64url');
  return `${body}.${mac(secret, plugin, name, body).toString('base64url')}`;
}

/** The payload of a token signed for this plugin and link, or undefined for any other (forged, changed, re-pointed). */
export function readLinkToken(secret: string, plugin: string, name: string, token: string): Record<string, string> | undefined {
  const parts = token.length <= MAX_TOKEN ? token.split('.') : [];
  if (parts.length !== 2) return undefined;
  const [body, signature] = parts as [string, string];
  // Compared as text: base64url decoding skips stray characters, which would let many spellings of a token pass.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(secret, plugin, name, body).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  return payload as Record<string, string>;
}

/** Where people reach the app (TESSERA_PUBLIC_URL), as the process engine builds its links; relative without it. */
const publicUrl = () => (process.env.TESSERA_PUBLIC_URL ?? '').replace(/\/+$/, '');

/** The path of a link below the public URL. */
export const linkPath = (plugin: string, name: string, token: string) => `/api/links/${encodeURIComponent(plugin)}/${encodeURIComponent(name)}/${token}`;

/**
 * A plugin's linkUrl in a transaction: URLs of its own registered links only (another's name is its bug), with a
 * payload of text values; the secret is read once per caller.
 */
export function pluginLinkUrl(links: PluginLinks, db: Knex.Transaction, plugin: string): PluginLinkUrl {
  let secret: Promise<string> | undefined;
  return async (name, payload) => {
    if (!links.has(`${plugin}/${name}`)) throw new Error(`${plugin}: no link "${name}" is registered (api.link) to make a URL of`);
    const values = Object.values(payload ?? {});
    if (typeof payload !== 'object' || payload === null || values.some((v) => typeof v !== 'string')) {
      throw new Error(`${plugin}: the payload of link "${name}" must be an object of text values`);
    }
    return `${publicUrl()}${linkPath(plugin, name, linkToken(await (secret ??= linkSecret(db)), plugin, name, payload))}`;
  };
}
