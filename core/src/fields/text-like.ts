import type { CoerceResult } from './field-type';

/** Text from a query string as given; a CSV cell trimmed (spreadsheets pad cells). */
export const coerceText = (raw: string, _field: unknown, source: 'query' | 'csv'): CoerceResult =>
  ({ ok: true, value: source === 'csv' ? raw.trim() : raw });
