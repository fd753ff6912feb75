import type { EntityDefinition } from '@tessera/metadata';
import { createAppModel } from '../model/create-app-model';
import { duplicateKeys } from './duplicate-keys';

const company: EntityDefinition = {
  name: 'company', label: { en: 'Company' },
  fields: { name: { type: 'text' }, city: { type: 'text' }, phone: { type: 'phone' }, founded: { type: 'datetime' }, revenue: { type: 'currency' } },
  duplicateRules: [
    { name: 'same_name', fields: [{ field: 'name', match: 'normalized' }, { field: 'city', match: 'exact' }], action: 'warn' },
    { name: 'same_phone', fields: [{ field: 'phone', match: 'normalized' }], action: 'block' },
    { name: 'same_numbers', fields: [{ field: 'founded', match: 'exact' }, { field: 'revenue', match: 'exact' }], action: 'warn' },
  ],
};
const entity = createAppModel({ name: 'crm', entities: [{ definition: company, origin: 'crm' }] }).entities.company!;
const keys = (record: Record<string, unknown>) => Object.fromEntries(duplicateKeys(entity, record).map((k) => [k.rule, `${k.action} ${k.key}`]));

describe('duplicateKeys', () => {
  it('gives each rule whose fields are all filled its key: normalized by the type, exact by the kind', () => {
    expect(keys({ name: 'ＡＢＣ 公司', city: '北京', phone: '+86 138-0013-8000', founded: '2020-01-01T08:00:00+08:00', revenue: '1000.50' })).toEqual({
      same_name: 'warn ["abc公司","北京"]', same_phone: 'block ["13800138000"]', same_numbers: 'warn ["2020-01-01T00:00:00.000Z","1000.5"]',
    });
  });

  it('matches records that differ only in what the rule ignores', () => {
    const a = keys({ name: 'Acme Co.', city: 'Hangzhou', phone: '13800138000', founded: '2020-01-01T00:00:00Z', revenue: 1000.5 });
    const b = keys({ name: 'ACME CO', city: 'Hangzhou', phone: '0086 13800138000', founded: '2020-01-01T08:00:00+08:00', revenue: '1000.50' });
    expect(b).toEqual(a);
    expect(keys({ name: 'Acme Co.', city: 'hangzhou' }).same_name).not.toEqual(a.same_name);
  });

  it('leaves out rules with an empty field: null, blank text, or nothing left once normalized', () => {
    expect(keys({ name: 'Acme', city: null, phone: '  ' })).toEqual({});
    expect(keys({ name: '（）、。', city: 'Hangzhou', phone: 'ext.' })).toEqual({});
    expect(keys({})).toEqual({});
  });
});
