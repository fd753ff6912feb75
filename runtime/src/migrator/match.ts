import { snakeCase, type AppModel } from '@tessera/core';
import type { Catalog, LiveTable } from './catalog';
import { desiredSchema, type DesiredTable } from './desired-schema';

/** A table the model wants, paired with the live table holding its data (same name, or the one it was renamed from). */
export interface TableMatch {
  readonly desired: DesiredTable;
  readonly live?: LiveTable;
  /** What the previously applied model made of the live table: only this may be dropped. */
  readonly managed?: DesiredTable;
  /** Each wanted column's live column (same name, or the one the field was renamed from). */
  readonly columns: ReadonlyMap<string, string | undefined>;
}

/** The model's tables matched against the live ones, and the managed tables the model no longer wants. */
export interface SchemaMatch {
  readonly tables: readonly TableMatch[];
  readonly orphans: ReadonlyArray<{ readonly live: LiveTable; readonly managed: DesiredTable }>;
  /** The live name of a wanted table, when it exists. */
  liveName(table: string): string | undefined;
}

/** Pairs what the model wants with what the database has, following `renamedFrom` on entities and fields. */
export function matchSchema(app: AppModel, catalog: Catalog, previous?: AppModel): SchemaMatch {
  const desired = desiredSchema(app);
  const managed = previous ? desiredSchema(previous) : new Map<string, DesiredTable>();
  const tables = [...desired.values()].map((table): TableMatch => {
    const entity = table.entity;
    const oldEntity = entity.renamedFrom === undefined ? undefined : previous?.entities[entity.renamedFrom];
    const oldTable = entity.renamedFrom === undefined ? undefined : (oldEntity?.table ?? snakeCase(entity.renamedFrom));
    const liveName = catalog.has(table.name) ? table.name
      : oldTable !== undefined && catalog.has(oldTable) && !desired.has(oldTable) ? oldTable : undefined;
    const live = liveName === undefined ? undefined : catalog.get(liveName);
    const before = previous?.entities[entity.renamedFrom ?? entity.name] ?? previous?.entities[entity.name];
    const wanted = new Set(table.columns.map((c) => c.name));
    const columns = new Map(table.columns.map((c) => {
      if (!live) return [c.name, undefined] as const;
      if (live.columns.has(c.name)) return [c.name, c.name] as const;
      const from = (c.field.definition as { renamedFrom?: string }).renamedFrom;
      const oldColumn = from === undefined ? undefined : (before?.fields[from]?.column ?? snakeCase(from));
      return [c.name, oldColumn !== undefined && live.columns.has(oldColumn) && !wanted.has(oldColumn) ? oldColumn : undefined] as const;
    }));
    const owned = liveName === undefined ? undefined : managed.get(liveName);
    return { desired: table, ...(live ? { live } : {}), ...(owned ? { managed: owned } : {}), columns };
  });
  const claimed = new Set(tables.flatMap((t) => (t.live ? [t.live.name] : [])));
  const orphans = [...managed.values()]
    .filter((m) => catalog.has(m.name) && !claimed.has(m.name))
    .map((m) => ({ live: catalog.get(m.name)!, managed: m }));
  const byName = new Map(tables.map((t) => [t.desired.name, t.live?.name]));
  return { tables, orphans, liveName: (table) => byName.get(table) };
}
