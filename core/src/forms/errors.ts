import type { ErrorObject } from 'ajv';
import { localize } from '../i18n';
import { keywordMessage } from './messages';
import { pointer, ruleCode, RULE_KEYWORD, type EntityForm, type FormError, type RuleAnnotation } from './types';

// Ajv reports "required" and "additionalProperties" at the object; the error belongs to the property named.
const PROPERTY_PARAMS: Record<string, string> = { required: 'missingProperty', additionalProperties: 'additionalProperty' };

/**
 * Ajv errors as problem+json errors: `{ path, code, message }` with a JSON pointer into the body. A schema keyword
 * reports its own name as the code ("maxLength"); every error inside a compiled rule's allOf entry becomes one error
 * with the code "rule:<name>", the rule's field path and its message in the locale.
 */
export function formErrors(errors: readonly ErrorObject[] | null | undefined, form: EntityForm, locale: string): FormError[] {
  const out = new Map<string, FormError>();
  for (const error of errors ?? []) {
    const rule = ruleOf(error, form);
    const item = rule
      ? { path: rule.path, code: ruleCode(rule.name), message: localize(rule.message, locale, rule.name) }
      : { path: pathOf(error), code: error.keyword, message: keywordMessage(error, locale) };
    const key = `${item.path}\u0000${item.code}`;
    if (!out.has(key)) out.set(key, item);
  }
  return [...out.values()];
}

function ruleOf(error: ErrorObject, form: EntityForm): RuleAnnotation | undefined {
  const match = /^#\/allOf\/(\d+)(\/|$)/.exec(error.schemaPath);
  const entries = form.schema.allOf as readonly Record<string, unknown>[] | undefined;
  return match ? (entries?.[Number(match[1])]?.[RULE_KEYWORD] as RuleAnnotation | undefined) : undefined;
}

function pathOf(error: ErrorObject): string {
  const param = PROPERTY_PARAMS[error.keyword];
  const name = param ? (error.params as Record<string, unknown>)[param] : undefined;
  return typeof name === 'string' ? `${error.instancePath}${pointer(name)}` : error.instancePath;
}
