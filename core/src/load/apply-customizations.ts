import type { Customization, DocumentKind } from '@tessera/metadata';
import { applyPatch, type Operation } from 'fast-json-patch';
import { issue, renderIssue, type Issue } from '../errors/issue';
import type { SourceDocument } from './documents';
import { clone, DRAFT_KINDS, type Merged } from './merge-layers';
import type { Draft } from './source-map';
import { validateDocument } from './validate-schema';

/** The document kind a patched definition is validated as. */
const SCHEMA_OF: Record<keyof typeof DRAFT_KINDS, DocumentKind> = { entity: 'entity', role: 'role', process: 'process', layout: 'layout', dashboard: 'dashboard' };

/**
 * Overlays the customization layer: each patch applies to the merged definition it targets and the result is
 * validated like any file. A failing patch is reported and leaves its target as it was.
 */
export function applyCustomizations(merged: Merged, docs: readonly SourceDocument<Customization>[], issues: Issue[]): void {
  for (const doc of docs) {
    doc.data.patches.forEach((patch, i) => {
      const at = { file: doc.file, path: `/patches/${i}` };
      const drafts = merged[DRAFT_KINDS[patch.target.kind]] as Map<string, Draft<unknown>>;
      const current = drafts.get(patch.target.name);
      const createsWhole = patch.ops.length === 1 && patch.ops[0]!.op === 'add' && patch.ops[0]!.path === '';
      if (!current && !createsWhole) {
        issues.push(issue('customization.target', { ...at, path: `${at.path}/target` }, { kind: patch.target.kind, name: patch.target.name }, patch.target.name));
        return;
      }
      let result: unknown = clone(current?.value ?? {});
      // One operation at a time: fast-json-patch reports index 0 for any operation its validator refuses.
      for (const [j, op] of patch.ops.entries()) {
        try {
          result = applyPatch(result, [op as Operation], true, true).newDocument;
        } catch (error) {
          issues.push(issue('customization.patch', { ...at, path: `${at.path}/ops/${j}` }, { reason: (error as Error).message.split('\n')[0] }));
          return;
        }
      }
      const found = validateDocument(SCHEMA_OF[patch.target.kind], result, doc.file);
      if (found.length) {
        for (const f of found) {
          issues.push(issue('customization.result', at, { kind: patch.target.kind, name: patch.target.name, at: f.path, detail: renderIssue(f).message, detailZh: renderIssue(f, 'zh-CN').message }, f.found));
        }
        return;
      }
      const name = (result as { name?: string }).name;
      if (name !== patch.target.name) {
        issues.push(issue('customization.result', at, { kind: patch.target.kind, name: patch.target.name, at: '/name', detail: 'a patch cannot rename its target', detailZh: '补丁不能重命名其目标' }, name));
        return;
      }
      const before = (current?.value as { fields?: object } | undefined)?.fields ?? {};
      const next: Draft<unknown> = current ?? { value: result, origin: doc.layer, map: [{ prefix: '', file: doc.file, path: `${at.path}/ops/0/value` }], extendedBy: [], fieldOrigins: {} };
      next.value = result;
      if (current) {
        current.extendedBy.push(doc.layer);
        patch.ops.forEach((op, j) => next.map.push({ prefix: op.path, file: doc.file, path: `${at.path}/ops/${j}${'value' in op ? '/value' : ''}` }));
        const fields = (result as { fields?: Record<string, unknown> }).fields;
        for (const field of Object.keys(fields ?? {})) {
          if (!Object.hasOwn(before, field)) next.fieldOrigins[field] = doc.layer;
        }
      }
      drafts.set(patch.target.name, next);
    });
  }
}
