import { isIsoDatetime } from '../parse-date';
import type { ValueKindDefinition } from '../value-kinds';

const epoch = (value: unknown): number => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

// PostgreSQL's text of a timestamptz ("2026-01-01 08:30:00.123456+08"), also ISO 8601 with a "T" and a "Z" or offset.
const INSTANT_TEXT = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:Z|([+-])(\d\d)(?::?(\d\d))?)$/;

/** Whether text is already the API's shape of an instant ("2026-01-01T00:00:00.000Z"), checked by position. */
const isApiInstant = (v: string): boolean =>
  v.length === 24 && v.charCodeAt(10) === 84 && v.charCodeAt(19) === 46 && v.charCodeAt(23) === 90;

/**
 * ISO UTC text of an instant written as PostgreSQL or ISO 8601 writes it. PostgreSQL's own text in a UTC session
 * ("2026-01-01 00:00:00.123456+00", every instant of every page) is rearranged by position, with no regex and no Date;
 * any other offset goes through date arithmetic. Fractions past milliseconds are truncated, as a Date would. Undefined
 * for any other text.
 */
function instantText(value: string): string | undefined {
  if (value.length >= 22 && value.charCodeAt(10) === 32 && value.endsWith('+00')) {
    const fraction = value.length > 22 ? value.slice(20, -3) : '';
    return `${value.slice(0, 10)}T${value.slice(11, 19)}.${`${fraction}000`.slice(0, 3)}Z`;
  }
  const m = INSTANT_TEXT.exec(value);
  if (!m || !realTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))) return undefined;
  const ms = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  if (offset === 0) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}Z`;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(ms)) - offset * 60_000;
  return Number.isNaN(utc) ? undefined : new Date(utc).toISOString();
}

/** Whether the fields name a real day and time of day (the text form alone allows 2026-02-30 25:61:00). */
function realTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= 28 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** Instants, normalized to ISO 8601 UTC text and compared chronologically. */
export const datetimeKind: ValueKindDefinition = {
  sqlCast: 'timestamptz',
  isLiteral: (value) => typeof value === 'string' && isIsoDatetime(value),
  literal: { en: 'an ISO 8601 date-time with a time zone (2024-05-01T09:30:00Z)', 'zh-CN': '带时区的 ISO 8601 日期时间（2024-05-01T09:30:00Z）' },
  normalize: (value) => {
    // Every instant of every page comes here, already in the API's shape: keep that path short.
    if (typeof value === 'string' && isApiInstant(value)) return value;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
    if (typeof value !== 'string') return value;
    const text = instantText(value);
    if (text !== undefined) return text;
    const ms = epoch(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  },
  compare: (a, b) => Math.sign(epoch(a) - epoch(b)),
};
