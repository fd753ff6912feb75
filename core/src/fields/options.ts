import type { I18N, Options } from '@tessera/metadata';
import { issue, type Issue } from '../errors/issue';
import { localize } from '../i18n';
import type { FieldCheckContext } from './field-type';

type Option = Options[number];

/** How people separate several values in one cell or parameter (ASCII and full-width punctuation alike). */
export const LIST_SEPARATORS = /[;,，、|；]/;

const valueOf = (option: Option): string => (typeof option === 'string' ? option : option.value);
const labelOf = (option: Option): I18N | undefined => (typeof option === 'string' ? undefined : option.label);

/** The stored values of a picklist's options, in order. */
export const optionValues = (options: Options): string[] => options.map(valueOf);

/** An option's label in a language, or the value itself when it has none (or is not an option). */
export function optionLabel(options: Options, value: string, locale: string): string {
  const option = options.find((o) => valueOf(o) === value);
  return option ? localize(labelOf(option), locale, value) : value;
}

/** The option value text stands for: the value itself, or (from a CSV cell) a label in any language, ignoring case. */
export function resolveOption(options: Options, text: string, source: 'query' | 'csv'): string | undefined {
  const exact = options.find((o) => valueOf(o) === text);
  if (exact !== undefined || source === 'query') return exact === undefined ? undefined : valueOf(exact);
  const lower = text.toLowerCase();
  const match = options.find((o) =>
    valueOf(o).toLowerCase() === lower || Object.values(labelOf(o) ?? {}).some((l) => l.toLowerCase() === lower));
  return match === undefined ? undefined : valueOf(match);
}

/** What a coercion to an option expected, for its error. */
export const expectedOption = (options: Options): string => `one of ${optionValues(options).join(', ')}`;

/** A 'field.option' issue for every option whose value appeared earlier in the list. */
export function duplicateOptionIssues(options: Options, ctx: FieldCheckContext): Issue[] {
  const seen = new Set<string>();
  return options.flatMap((option, i) => {
    const value = valueOf(option);
    if (!seen.has(value)) {
      seen.add(value);
      return [];
    }
    const at = { file: ctx.at.file, path: `${ctx.at.path}/options/${i}${typeof option === 'string' ? '' : '/value'}` };
    return [issue('field.option', at, { value }, value)];
  });
}
