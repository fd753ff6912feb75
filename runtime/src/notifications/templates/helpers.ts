import Handlebars from 'handlebars';

/** The locale a render runs in, passed as handlebars' @data so that helpers (and {{@locale}}) can read it. */
export interface RenderData {
  readonly locale: string;
}

type HelperOptions = Handlebars.HelperOptions & { data?: Partial<RenderData> };

const localeOf = (options: HelperOptions): string => options.data?.locale ?? 'en';

/** Picks the text of an i18n map ({en, zh-CN}) for the locale, then its language, then English, then the first one. */
export function pickLocale(text: unknown, locale: string): string {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return text === undefined || text === null ? '' : String(text);
  const map = text as Record<string, unknown>;
  const found = [locale, locale.split('-')[0]!, 'en'].map((k) => map[k]).find((v) => typeof v === 'string');
  return (found ?? Object.values(map).find((v) => typeof v === 'string') ?? '') as string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Formats an ISO instant (date and time, in UTC unless a timeZone is given) or a calendar date for the locale; '' when it is neither. */
export function formatDate(value: unknown, locale: string, timeZone = 'UTC'): string {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : undefined;
  if (!text) return '';
  const dateOnly = DATE_ONLY.test(text);
  const date = new Date(dateOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, dateOnly
      ? { dateStyle: 'medium', timeZone: 'UTC' }
      : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(date);
  } catch {
    // An unknown time zone or locale in a template: fall back rather than fail the whole notification.
    return date.toISOString();
  }
}

/**
 * The handlebars environment of notification templates, kept apart from the global one so that its helpers (and any
 * other code's) cannot collide. Helpers: `t` (an i18n map in the render's locale), `date` (an instant or date for the
 * locale; `timeZone="Asia/Shanghai"` optional), `eq` (for choosing text by a value, as a status) and `json` (a value as a
 * JSON literal, for templates that render a webhook's body).
 */
export const templateEngine: typeof Handlebars = (() => {
  const engine = Handlebars.create();
  // For templates that render JSON (a webhook's body): a value as a JSON literal, whatever it holds.
  engine.registerHelper('json', (value: unknown) => new engine.SafeString(JSON.stringify(value ?? null)));
  engine.registerHelper('t', (text: unknown, options: HelperOptions) => pickLocale(text, localeOf(options)));
  engine.registerHelper('date', (value: unknown, options: HelperOptions) => {
    const zone = options.hash?.timeZone;
    return formatDate(value, localeOf(options), typeof zone === 'string' ? zone : undefined);
  });
  engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return engine;
})();
