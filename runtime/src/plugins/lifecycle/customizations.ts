import path from 'node:path';
import type { AppModel, MetadataReader } from '@tessera/core';
import type { AppManifest, Customization } from '@tessera/metadata';
import { customizationFiles } from '../export-customizations';

/** A customization file of the app: its path (relative to the app folder) and its patches. */
export interface CustomizationFile {
  readonly file: string;
  readonly doc: Customization;
}

/** A patch path (or target) of a customization that an upgrade moved along a rename declared with renamedFrom. */
export interface FollowedRename {
  readonly file: string;
  /** Where in the customization file: /patches/0/ops/1/path, /patches/0/target/name. */
  readonly path: string;
  readonly from: string;
  readonly to: string;
}

/** The app folder's customization files that parse, in the order their patches apply. */
export async function readCustomizations(reader: MetadataReader): Promise<CustomizationFile[]> {
  const manifest = JSON.parse((await reader.readText('app.json'))!) as AppManifest;
  const out: CustomizationFile[] = [];
  for (const file of await customizationFiles(reader, manifest)) {
    try {
      const doc = JSON.parse((await reader.readText(file))!) as Customization;
      if (Array.isArray(doc?.patches)) out.push({ file, doc });
    } catch {
      // loadApp reports a file that does not parse; there is nothing here to follow
    }
  }
  return out;
}

/**
 * Moves customization patches along the renames an upgrade declares (an entity's or a field's renamedFrom), so a
 * customer's change to a renamed field keeps applying to it. Only paths and targets change, never a patch's value.
 * Answers every file (rewritten where a rename applied, in the same order) and each path moved.
 */
export function followRenames(files: readonly CustomizationFile[], before: AppModel, after: AppModel): { files: CustomizationFile[]; renames: FollowedRename[] } {
  const entities = entityRenames(before, after);
  const renames: FollowedRename[] = [];
  const out: CustomizationFile[] = [];
  for (const { file, doc } of files) {
    const next = JSON.parse(JSON.stringify(doc)) as Customization;
    const moved = (at: string, from: string, to: string) => renames.push({ file, path: at, from, to });
    next.patches.forEach((patch, i) => {
      if (patch.target.kind !== 'entity') return;
      const renamed = entities.get(patch.target.name);
      if (renamed) {
        moved(`/patches/${i}/target/name`, patch.target.name, renamed);
        patch.target.name = renamed;
      }
      const fields = fieldRenames(before, after, patch.target.name);
      patch.ops.forEach((op, j) => {
        for (const key of ['path', 'from'] as const) {
          const pointer = op[key];
          const match = pointer === undefined ? null : /^\/fields\/([^/]+)(\/.*)?$/.exec(pointer);
          const to = match && fields.get(match[1]!);
          if (!match || !to) continue;
          op[key] = `/fields/${to}${match[2] ?? ''}`;
          moved(`/patches/${i}/ops/${j}/${key}`, pointer!, op[key]!);
        }
      });
    });
    out.push({ file, doc: next });
  }
  return { files: out, renames };
}

/** The text a rewritten customization file is saved as. */
export const customizationText = (doc: Customization): string => `${JSON.stringify(doc, null, 2)}\n`;

/** The app-relative customization file as an absolute path. */
export const customizationPath = (appDir: string, file: string): string => path.join(appDir, ...file.split('/'));

// An entity renamed by the upgrade: the new one names the old in renamedFrom, and the old name is gone.
function entityRenames(before: AppModel, after: AppModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const entity of Object.values(after.entities)) {
    const from = entity.renamedFrom;
    if (from && before.entities[from] && !before.entities[entity.name] && !after.entities[from]) out.set(from, entity.name);
  }
  return out;
}

function fieldRenames(before: AppModel, after: AppModel, entityName: string): Map<string, string> {
  const out = new Map<string, string>();
  const now = after.entities[entityName];
  const then = now && (before.entities[now.name] ?? (now.renamedFrom ? before.entities[now.renamedFrom] : undefined));
  if (!now || !then) return out;
  for (const field of Object.values(now.fields)) {
    const from = (field.definition as { renamedFrom?: string }).renamedFrom;
    if (from && then.fields[from] && !then.fields[field.name] && !now.fields[from]) out.set(from, field.name);
  }
  return out;
}
