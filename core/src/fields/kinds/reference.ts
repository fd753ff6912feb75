import type { ValueKindDefinition } from '../value-kinds';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (any version, either case). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Record ids (UUIDs), lower-cased; their text order is PostgreSQL's uuid order. */
export const referenceKind: ValueKindDefinition = {
  sqlCast: 'uuid',
  isLiteral: (value) => typeof value === 'string' && isUuid(value),
  literal: { en: 'a UUID', 'zh-CN': 'UUID' },
  normalize: (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  compare: (a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0),
};
