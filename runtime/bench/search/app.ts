import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The role of the bench user: their own rows only, and a hidden searchable field, so search pays for both rules. */
export const SEARCH_ROLE = 'sales_rep';

const entities = [
  {
    name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, titleField: 'name', ownership: 'user',
    fields: {
      name: { type: 'text', required: true, maxLength: 200, searchable: true },
      email: { type: 'email', searchable: true },
      // Hidden from the bench user: searched by the administrators only.
      notes: { type: 'text', maxLength: 2000, searchable: true },
    },
  },
  {
    name: 'contact', label: { en: 'Contact', 'zh-CN': '联系人' }, titleField: 'name', ownership: 'user',
    fields: {
      name: { type: 'text', required: true, maxLength: 100, searchable: true },
      email: { type: 'email', searchable: true },
      phone: { type: 'phone', searchable: true },
    },
  },
];

const role = {
  name: SEARCH_ROLE, label: { en: 'Sales rep' },
  permissions: [
    { action: ['read', 'create', 'update'], subject: 'account', where: { ownerId: '$user.id' }, fields: { deny: ['notes'] } },
    { action: ['read', 'create', 'update'], subject: 'contact', where: { ownerId: '$user.id' } },
  ],
};

/** Writes the search bench's app (accounts and contacts, searchable names, e-mails and phones) into a temporary folder. */
export async function writeSearchApp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-search-'));
  for (const sub of ['entities', 'roles']) await mkdir(path.join(dir, sub));
  await writeFile(path.join(dir, 'app.json'), JSON.stringify({ name: 'bench-search', version: '0.1.0' }));
  for (const entity of entities) await writeFile(path.join(dir, 'entities', `${entity.name}.json`), JSON.stringify(entity));
  await writeFile(path.join(dir, 'roles', `${role.name}.json`), JSON.stringify(role));
  return dir;
}
