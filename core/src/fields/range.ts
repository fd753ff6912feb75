import { issue, type Issue } from '../errors/issue';
import type { FieldCheckContext } from './field-type';

/** A 'field.range' issue when a lower bound exceeds its upper bound (min over max, minLength over maxLength). */
export function rangeIssues(
  low: { name: string; value: number | undefined },
  high: { name: string; value: number | undefined },
  ctx: FieldCheckContext,
): Issue[] {
  if (low.value === undefined || high.value === undefined || low.value <= high.value) return [];
  const at = { file: ctx.at.file, path: `${ctx.at.path}/${low.name}` };
  return [issue('field.range', at, { low: low.name, lowValue: low.value, high: high.name, highValue: high.value }, low.value)];
}
