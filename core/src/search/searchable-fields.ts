import { storesText } from '../fields/storage';
import type { AppModel, EntityModel, FieldModel } from '../model/app-model';

/**
 * The entity's fields that global search matches: marked searchable, stored in a column of text. Given an entity of
 * the model a caller may read, the fields that caller may search (a hidden field is not in that model).
 */
export function searchableFields(entity: EntityModel): FieldModel[] {
  return entity.fieldNames.map((n) => entity.fields[n]!).filter((f) => (f.definition as { searchable?: boolean }).searchable && storesText(f));
}

/** The entities of a model with at least one searchable field, in the model's order. */
export const searchableEntities = (app: AppModel): EntityModel[] =>
  Object.values(app.entities).filter((e) => searchableFields(e).length > 0);
