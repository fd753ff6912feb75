import type { I18N } from '@tessera/metadata';
import type { JsonSchema } from '../fields/field-type';

/** A reference to a component: `{ $ref: '#/components/<section>/<name>' }`. */
export type Reference = {
  readonly $ref: string;
};

/** An OpenAPI parameter (path, query or header). */
export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly description?: string;
  readonly required?: boolean;
  readonly style?: string;
  readonly explode?: boolean;
  readonly schema: JsonSchema;
}

/** A response header. */
export interface Header {
  readonly description?: string;
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

/** The content of a body by media type. */
export type Content = Readonly<Record<string, { readonly schema: JsonSchema }>>;

/** A response: a description, maybe headers and content. */
export interface Response {
  readonly description: string;
  readonly headers?: Readonly<Record<string, Header | Reference>>;
  readonly content?: Content;
}

/** A request body. */
export interface RequestBody {
  readonly description?: string;
  readonly required?: boolean;
  readonly content: Content;
}

/** Alternative sets of security schemes (OR between items, AND inside one); an empty list means public. */
export type SecurityRequirements = ReadonlyArray<Readonly<Record<string, readonly string[]>>>;

/** One operation of a path. */
export interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters?: ReadonlyArray<Parameter | Reference>;
  readonly requestBody?: RequestBody;
  readonly responses: Readonly<Record<string, Response | Reference>>;
  readonly security?: SecurityRequirements;
}

/** The operations of one path, by lower-case HTTP method. */
export type PathItem = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>;

/** A security scheme (http bearer or an API key in a header or cookie). */
export type SecurityScheme =
  | { readonly type: 'http'; readonly scheme: string; readonly description?: string }
  | { readonly type: 'apiKey'; readonly in: 'header' | 'cookie'; readonly name: string; readonly description?: string };

/** A tag: an entity's label, with its description. */
export interface Tag {
  readonly name: string;
  readonly description?: string;
}

/** The reusable parts of the document. */
export interface Components {
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  readonly parameters: Readonly<Record<string, Parameter>>;
  readonly headers: Readonly<Record<string, Header>>;
  readonly responses: Readonly<Record<string, Response>>;
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
}

/** An OpenAPI 3.1 document. */
export interface OpenAPIDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly jsonSchemaDialect: string;
  readonly servers?: ReadonlyArray<{ readonly url: string }>;
  readonly security: SecurityRequirements;
  readonly tags: readonly Tag[];
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly components: Components;
}

/** Options of buildOpenApi. */
export interface OpenApiOptions {
  /** The language of titles, tags and summaries (en, zh-CN). */
  readonly locale: string;
  /** The server's origin ("https://crm.example.com"); the paths start with /api. */
  readonly serverUrl?: string;
  /** The record actions plugins' code registered (the runtime knows them, not the model). */
  readonly recordActions?: readonly RecordActionInfo[];
}

/** A record action as the document describes it. */
export interface RecordActionInfo {
  readonly entity: string;
  readonly name: string;
  readonly label: I18N;
  readonly requires: 'read' | 'update';
}

/** A `$ref` to a component. */
export const ref = (section: keyof Components, name: string): Reference => ({ $ref: `#/components/${section}/${name}` });
