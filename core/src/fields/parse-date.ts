import { toHalfWidth } from './parse-number';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The 'YYYY-MM-DD' text of a calendar date, or undefined when the day does not exist (2023-02-29). */
function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : undefined;
}

/** Whether text is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined;
}

const DATE_FORMS = [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, /^(\d{4})(年)(\d{1,2})月(\d{1,2})日?$/];

/** Reads a date as people type it (2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日) into 'YYYY-MM-DD'. */
export function parseDate(raw: string): string | undefined {
  const text = toHalfWidth(raw.trim());
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (m) return calendarDate(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  return undefined;
}

const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Whether text is an ISO 8601 date-time with a real date, a valid time and an offset or Z. */
export function isIsoDatetime(text: string): boolean {
  const m = ISO_DATETIME.exec(text);
  if (!m || !isCalendarDate(m[1]!)) return false;
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  return h < 24 && min < 60 && s < 60 && !Number.isNaN(Date.parse(text.replace(' ', 'T')));
}

/** Reads an ISO 8601 date-time with a time zone into ISO UTC text (2024-05-01T01:30:00.000Z). */
export function parseDatetime(raw: string): string | undefined {
  const text = toHalfWidth(raw.trim());
  return isIsoDatetime(text) ? new Date(text.replace(' ', 'T')).toISOString() : undefined;
}
