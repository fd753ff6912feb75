import type { AppManifest, DocumentKind, PluginManifest } from '@tessera/metadata';
import type { LayerInfo } from '../model/app-model';

/** A metadata file that parsed and passed its schema. */
export interface SourceDocument<T = unknown> {
  readonly kind: DocumentKind;
  readonly file: string;
  readonly data: T;
  /** The layer the file belongs to. */
  readonly layer: string;
}

/** A template file: name.hbs, or name.<locale>.hbs for one language. */
export interface TemplateSource {
  readonly name: string;
  readonly locale: string;
  readonly file: string;
  readonly source: string;
  readonly layer: string;
}

/** One metadata layer, read: its manifest and its documents. */
export interface Layer {
  readonly info: LayerInfo;
  readonly manifest: AppManifest | PluginManifest;
  readonly manifestFile: string;
  readonly documents: SourceDocument[];
  readonly templates: TemplateSource[];
}

/** The folders a layer's manifest may name, with their conventional defaults, and the document kind each holds. */
export const LAYER_FOLDERS = {
  entities: { glob: 'entities/*.json', kind: 'entity', extension: 'entityExtension' },
  roles: { glob: 'roles/*.json', kind: 'role', extension: 'roleExtension' },
  processes: { glob: 'processes/*.json', kind: 'process' },
  layouts: { glob: 'layouts/*.json', kind: 'layout', extension: 'layoutExtension' },
  dashboards: { glob: 'dashboards/*.json', kind: 'dashboard' },
  customizations: { glob: 'customizations/*.json', kind: 'customization' },
} as const satisfies Record<string, { glob: string; kind: DocumentKind; extension?: DocumentKind }>;
