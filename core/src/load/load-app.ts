import type { Customization } from '@tessera/metadata';
import { sortIssues, type Issue } from '../errors/issue';
import type { AppModel } from '../model/app-model';
import { createAppModel } from '../model/create-app-model';
import { applyCustomizations } from './apply-customizations';
import { checkDocuments } from './checks/check-documents';
import { checkDuplicateRules } from './checks/check-duplicate-rules';
import { checkEntities } from './checks/check-entities';
import { checkFirstStart } from './checks/check-first-start';
import { checkDashboards, checkLayouts } from './checks/check-layouts';
import { checkNames } from './checks/check-names';
import { checkProcesses } from './checks/check-processes';
import { checkRoles } from './checks/check-roles';
import type { CheckContext } from './checks/context';
import type { SourceDocument } from './documents';
import { mergeLayers, type Merged } from './merge-layers';
import { parseJson } from './parse-json';
import { readLayers } from './read-layers';
import type { MetadataReader } from './reader';
import { validateDocument } from './validate-schema';

/** Extra input to loadApp: the customization layer kept outside the app folder (in the database). */
export interface LoadOptions {
  /** Customization documents as JSON text, each with the name it is reported under. */
  readonly customizations?: ReadonlyArray<{ readonly file: string; readonly text: string }>;
}

/** Either the app's immutable model, or every issue found, sorted by file. */
export type LoadResult = { readonly ok: true; readonly app: AppModel } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Loads an app: parse and validate every file, order plugins by dependsOn, merge layers and extends, overlay the
 * customization layer, resolve references and check semantics, then freeze the model with its content hash.
 * No I/O of its own: the reader brings the files.
 */
export async function loadApp(reader: MetadataReader, options: LoadOptions = {}): Promise<LoadResult> {
  const issues: Issue[] = [];
  const { app, layers } = await readLayers(reader, issues);
  if (!app) return { ok: false, issues: sortIssues(issues) };
  const merged = mergeLayers(layers, issues);
  const customizations = [
    ...layers.flatMap((l) => l.documents.filter((d) => d.kind === 'customization')),
    ...storedCustomizations(options, issues),
  ] as SourceDocument<Customization>[];
  applyCustomizations(merged, customizations, issues);
  const model = createAppModel({
    name: app.name,
    ...(app.label ? { label: app.label } : {}),
    ...(app.version ? { version: app.version } : {}),
    ...(app.locales ? { locales: app.locales } : {}),
    ...(app.defaultLocale ? { defaultLocale: app.defaultLocale } : {}),
    ...(app.firstStart ? { firstStart: app.firstStart } : {}),
    layers: [...layers.map((l) => l.info), ...(options.customizations?.length ? [{ name: 'customization', kind: 'customization' as const, dir: '' }] : [])],
    ...modelParts(merged),
  });
  const ctx: CheckContext = { app: model, merged, issues };
  for (const check of [checkNames, checkEntities, checkDuplicateRules, checkDocuments, checkRoles, checkProcesses, checkLayouts, checkDashboards, checkFirstStart]) check(ctx);
  return issues.length ? { ok: false, issues: sortIssues(issues) } : { ok: true, app: model };
}

function modelParts(merged: Merged) {
  const values = <T>(map: Map<string, { value: T }>) => [...map.values()].map((d) => d.value);
  return {
    entities: [...merged.entities.values()].map((d) => ({ definition: d.value, origin: d.origin, fieldOrigins: d.fieldOrigins, extendedBy: d.extendedBy })),
    roles: values(merged.roles),
    processes: values(merged.processes),
    layouts: values(merged.layouts),
    dashboards: values(merged.dashboards),
    templates: [...merged.templates.values()].map(({ name, file, sources }) => ({ name, file, sources })),
  };
}

function storedCustomizations(options: LoadOptions, issues: Issue[]): SourceDocument<Customization>[] {
  return (options.customizations ?? []).flatMap(({ file, text }) => {
    const parsed = parseJson(text, file);
    if (!parsed.ok) return issues.push(parsed.issue), [];
    const found = validateDocument('customization', parsed.data, file);
    issues.push(...found);
    return found.length ? [] : [{ kind: 'customization' as const, file, data: parsed.data as Customization, layer: 'customization' }];
  });
}
