import { isIsoDatetime } from '../parse-date';
import type { ValueKindDefinition } from '../value-kinds';

const epoch = (value: unknown): number => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

/** Instants, normalized to ISO 8601 UTC text and compared chronologically. */
export const datetimeKind: ValueKindDefinition = {
  sqlCast: 'timestamptz',
  isLiteral: (value) => typeof value === 'string' && isIsoDatetime(value),
  literal: { en: 'an ISO 8601 date-time with a time zone (2024-05-01T09:30:00Z)', 'zh-CN': '带时区的 ISO 8601 日期时间（2024-05-01T09:30:00Z）' },
  normalize: (value) => {
    // pg's parsed instants come here once per cell of every page: keep their path short.
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
    if (typeof value !== 'string') return value;
    const ms = epoch(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  },
  compare: (a, b) => Math.sign(epoch(a) - epoch(b)),
};
