import type { I18N } from '@tessera/metadata';

/** The languages every shipped label, message and screen exists in. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Whether a string is one of the shipped locales. */
export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** A label in the wanted language, falling back to English, then to the fallback text. */
export function localize(text: I18N | undefined, locale: string, fallback = ''): string {
  if (!text) return fallback;
  return text[locale] ?? text[locale.split('-')[0] ?? ''] ?? text.en ?? fallback;
}

/** Turns an identifier (closeDate, close_date) into a readable English label (Close date). */
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
