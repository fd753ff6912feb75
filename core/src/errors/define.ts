import type { Locale } from '../i18n';

/** Parameters an issue carries for its message: language-neutral data (names, limits, allowed values). */
export type IssueParams = Readonly<Record<string, unknown>>;

type Text = (p: IssueParams) => string;

/** One catalogue entry: how an issue code reads in every shipped language, and what was expected. */
export interface IssueDefinition {
  readonly message: Readonly<Record<Locale, Text>>;
  readonly expected?: Readonly<Record<Locale, Text>>;
}

/** Declares a group of catalogue entries, keeping their literal codes for the IssueCode union. */
export const defineIssues = <T extends Record<string, IssueDefinition>>(entries: T): T => entries;

/** Renders a list for a message: "a, b, c". */
export const list = (value: unknown, sep = ', '): string => (Array.isArray(value) ? value.map(String).join(sep) : String(value));

/** Quotes a value for a message: strings in quotes, the rest as JSON. */
export const show = (value: unknown): string => {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
