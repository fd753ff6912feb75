export { entityForm, formRule, ruleApplies, type EntityFormOptions } from './entity-form';
export { createFormValidator } from './validator';
export { formErrors } from './errors';
export { checkRules } from './rules';
export { readOnlyViolations, omitReadOnly } from './read-only';
export { RULE_KEYWORD, ruleCode } from './types';
export type { EntityForm, FormError, FormRule, FormVariant, RuleAnnotation } from './types';
