import type { Condition, I18N } from '@tessera/metadata';
import type { JsonSchema } from '../fields/field-type';

/** Which request a form is for: a create lists required fields; an update is partial. */
export type FormVariant = 'create' | 'update';

/** The annotation keyword that marks an allOf entry as a compiled rule, so its failures map back to the rule. */
export const RULE_KEYWORD = 'x-tessera-rule';

/** What a compiled rule's annotation carries. */
export interface RuleAnnotation {
  readonly name: string;
  /** A JSON pointer to the field the error shows on ("" for the record). */
  readonly path: string;
  readonly message: I18N;
}

/** A rule JSON Schema cannot express: run it through the condition evaluator (client and server alike). */
export interface FormRule {
  readonly name: string;
  /** The error code a failure reports: "rule:<name>". */
  readonly code: string;
  /** A JSON pointer to the field the error shows on ("" for the record). */
  readonly path: string;
  /** The message in the form's locale. */
  readonly message: string;
  /** The invalid state: the rule fails when this condition holds. */
  readonly when: Condition;
  readonly on: readonly FormVariant[];
}

/** A form: the JSON Schema that validates a body, the uiSchema rjsf renders it with, and the rules left to evaluate. */
export interface EntityForm {
  readonly schema: JsonSchema;
  readonly uiSchema: Record<string, unknown>;
  readonly rules: readonly FormRule[];
}

/** One validation error, as problem+json lists it (DESIGN.md §4). */
export interface FormError {
  /** A JSON pointer into the body ("/amount"); "" for the body as a whole. */
  readonly path: string;
  /** The JSON Schema keyword that failed ("maxLength", "required"...), or "rule:<name>" for a validation rule. */
  readonly code: string;
  readonly message: string;
}

/** The error code of a rule. */
export const ruleCode = (name: string): string => `rule:${name}`;

/** A JSON pointer to a top-level property. */
export const pointer = (name: string): string => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
