import { isCalendarDate } from '../parse-date';
import type { ValueKindDefinition } from '../value-kinds';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The calendar date a Date object stands for. Drivers give dates at midnight: UTC midnight (PGlite, JSON) or local
 * midnight (node-postgres' default parser); reading the latter as UTC would shift it a day east of Greenwich.
 */
function dateText(d: Date): string {
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
  if (localMidnight && !utcMidnight) return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return d.toISOString().slice(0, 10);
}

/** Calendar dates as 'YYYY-MM-DD' text, which orders chronologically. */
export const dateKind: ValueKindDefinition = {
  sqlCast: 'date',
  isLiteral: (value) => typeof value === 'string' && isCalendarDate(value),
  literal: { en: 'a date (YYYY-MM-DD)', 'zh-CN': '日期（YYYY-MM-DD）' },
  normalize: (value) => (value instanceof Date ? dateText(value) : value),
  compare: (a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0),
};
