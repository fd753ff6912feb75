import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The shape of a generated benchmark app. */
export interface AppShape {
  readonly plugins: number;
  readonly entities: number;
  readonly fieldsPerEntity: number;
}

const FIELD_CYCLE: ReadonlyArray<(i: number, entity: string, prev: string | undefined) => object> = [
  () => ({ type: 'text', maxLength: 120, label: { en: 'Text', 'zh-CN': '文本' } }),
  () => ({ type: 'integer', min: 0, label: { en: 'Count', 'zh-CN': '数量' } }),
  () => ({ type: 'currency', min: 0, label: { en: 'Amount', 'zh-CN': '金额' } }),
  () => ({ type: 'picklist', options: ['a', 'b', 'c'], default: 'a', label: { en: 'Status', 'zh-CN': '状态' } }),
  () => ({ type: 'date', label: { en: 'Date', 'zh-CN': '日期' } }),
  (_i, _e, prev) => (prev ? { type: 'lookup', target: prev, label: { en: 'Parent', 'zh-CN': '上级' } } : { type: 'boolean' }),
  () => ({ type: 'email' }),
  () => ({ type: 'percent' }),
  () => ({ type: 'formula', expression: 'f2 * f7 / 100', resultType: 'currency' }),
  () => ({ type: 'multiPicklist', options: ['x', 'y', 'z'] }),
];

const write = async (file: string, value: unknown) => {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2));
};

/**
 * Writes an app of `entities` entities with `fieldsPerEntity` fields each, spread over `plugins` plugins that depend
 * on each other in a chain; each plugin extends an entity of the one below, and the app carries a customization layer.
 */
export async function generateApp(dir: string, shape: AppShape): Promise<void> {
  const perPlugin = Math.ceil(shape.entities / shape.plugins);
  const names: string[] = [];
  for (let p = 0; p < shape.plugins; p++) {
    const plugin = `bench-${p}`;
    const pdir = path.join(dir, 'plugins', plugin);
    await write(path.join(pdir, 'plugin.json'), {
      name: plugin, version: `1.${p}.0`, label: { en: `Bench ${p}`, 'zh-CN': `基准 ${p}` },
      ...(p ? { dependsOn: { [`bench-${p - 1}`]: `^1.${p - 1}.0` } } : {}),
    });
    for (let e = 0; e < perPlugin && names.length < shape.entities; e++) {
      const name = `entity${names.length}`;
      const fields: Record<string, object> = {};
      for (let f = 0; f < shape.fieldsPerEntity; f++) fields[`f${f}`] = FIELD_CYCLE[f % FIELD_CYCLE.length]!(f, name, names.at(-1));
      await write(path.join(pdir, 'entities', `${name}.json`), {
        name, label: { en: `Entity ${names.length}`, 'zh-CN': `实体 ${names.length}` }, titleField: 'f0', fields,
        indexes: [{ fields: ['f3', 'f4'] }],
        rules: [{ name: 'positive', when: { f2: { $lt: 0 }, f3: 'b' }, field: 'f2', message: { en: 'Must be positive', 'zh-CN': '必须为正数' } }],
      });
      names.push(name);
    }
    if (p > 0) {
      await write(path.join(pdir, 'entities', `extends-${p}.json`), {
        extends: `entity${(p - 1) * perPlugin}`, fields: { [`ext${p}`]: { type: 'text' } }, addOptions: { f3: [`p${p}`] },
      });
    }
  }
  await write(path.join(dir, 'app.json'), { name: 'bench', label: { en: 'Bench', 'zh-CN': '基准' }, plugins: [`bench-${shape.plugins - 1}`] });
  await write(path.join(dir, 'customizations', 'layer.json'), {
    patches: names.slice(0, 20).map((name) => ({
      target: { kind: 'entity', name },
      ops: [{ op: 'add', path: '/fields/custom', value: { type: 'text', label: { en: 'Custom', 'zh-CN': '自定义' } } }],
    })),
  });
}
