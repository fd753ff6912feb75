import { createAppModel, type AppModel } from '@tessera/core';
import type { Customization, EntityDefinition } from '@tessera/metadata';
import { findConflicts } from '../../src/plugins/lifecycle/conflicts';
import { followRenames, type CustomizationFile } from '../../src/plugins/lifecycle/customizations';

const model = (...entities: EntityDefinition[]): AppModel =>
  createAppModel({ name: 'shop', entities: entities.map((definition) => ({ definition, origin: 'partner' })) });
const deal = (fields: EntityDefinition['fields'], extra: Partial<EntityDefinition> = {}): EntityDefinition =>
  ({ name: 'deal', label: { en: 'Deal' }, ownership: 'none', fields, ...extra });
const file = (patches: Customization['patches']): CustomizationFile => ({ file: 'customizations/c.json', doc: { patches } });

const before = model(deal({ score: { type: 'integer', label: { en: 'Score' } }, stage: { type: 'picklist', options: ['new', 'won'] }, notes: { type: 'longText' } }));

describe('customizations over an upgrade', () => {
  it('follows field and entity renames in paths and targets, never touching values', () => {
    const after = model(deal({ rating: { type: 'integer', renamedFrom: 'score', label: { en: 'Score' } }, stage: { type: 'picklist', options: ['new', 'won'] }, notes: { type: 'longText' } }, { name: 'opportunity', renamedFrom: 'deal' }));
    const original = file([{ target: { kind: 'entity', name: 'deal' }, ops: [
      { op: 'replace', path: '/fields/score/label', value: { en: '/fields/score stays in values' } },
      { op: 'move', from: '/fields/score/label', path: '/fields/notes/label' },
      { op: 'add', path: '/fields/scored', value: { type: 'boolean' } },
    ] }]);
    const { files, renames } = followRenames([original], before, after);
    expect(renames.map((r) => [r.path, r.from, r.to])).toEqual([
      ['/patches/0/target/name', 'deal', 'opportunity'],
      ['/patches/0/ops/0/path', '/fields/score/label', '/fields/rating/label'],
      ['/patches/0/ops/1/from', '/fields/score/label', '/fields/rating/label'],
    ]);
    expect(files[0]!.doc.patches[0]!.ops.map((op) => [op.path, op.from, op.value])).toEqual([
      ['/fields/rating/label', undefined, { en: '/fields/score stays in values' }],
      ['/fields/notes/label', '/fields/rating/label', undefined],
      ['/fields/scored', undefined, { type: 'boolean' }],
    ]);
    expect(original.doc.patches[0]!.target.name).toBe('deal');
    expect(findConflicts([original], files, before, after)).toEqual([]);
  });

  it('reports what the new version changed, removed or now also defines, and ignores what the plugins never had', () => {
    const after = model(deal({ score: { type: 'integer', label: { en: 'Points' } }, stage: { type: 'picklist', options: ['new', 'lost', 'won'] }, region: { type: 'text' } }));
    const custom = file([
      { target: { kind: 'entity', name: 'deal' }, ops: [
        { op: 'replace', path: '/fields/score/label', value: { en: 'Mine' } },
        { op: 'add', path: '/fields/stage/options/-', value: 'on_hold' },
        { op: 'remove', path: '/fields/notes' },
        { op: 'add', path: '/fields/region', value: { type: 'text', label: { en: 'Region' } } },
        { op: 'add', path: '/fields/vip', value: { type: 'boolean' } },
      ] },
      { target: { kind: 'entity', name: 'invoice' }, ops: [{ op: 'add', path: '', value: {} }] },
    ]);
    expect(findConflicts([custom], [custom], before, after).map((c) => [c.path, c.at, c.change])).toEqual([
      ['/patches/0/ops/0', '/fields/score/label', 'changed'],
      ['/patches/0/ops/1', '/fields/stage/options', 'changed'],
      ['/patches/0/ops/2', '/fields/notes', 'removed'],
      ['/patches/0/ops/3', '/fields/region', 'added'],
    ]);
    expect(findConflicts([custom], [custom], before, model())).toEqual([expect.objectContaining({ path: '/patches/0', name: 'deal', change: 'removed' })]);
  });

  it('compares an entity\'s documents too: a customer\'s own template for a document the new version changed', () => {
    const sheet = (template: string) => ({ documents: [{ name: 'sheet', template, label: { en: 'Sheet' } }] });
    const custom = file([{ target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'replace', path: '/documents/0/template', value: 'our_sheet' }] }]);
    const old = model(deal({ notes: { type: 'longText' } }, sheet('sheet_v1')));
    expect(findConflicts([custom], [custom], old, model(deal({ notes: { type: 'longText' } }, sheet('sheet_v2')))).map((c) => [c.at, c.change]))
      .toEqual([['/documents/0/template', 'changed']]);
    expect(findConflicts([custom], [custom], old, old)).toEqual([]);
  });
});
