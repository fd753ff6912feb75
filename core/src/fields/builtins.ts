import type { FieldTypeName } from '../model/app-model';
import { Registry } from '../registry';
import type { FieldType } from './field-type';
import { autonumberField } from './types/autonumber';
import { booleanField } from './types/boolean';
import { currencyField } from './types/currency';
import { dateField } from './types/date';
import { datetimeField } from './types/datetime';
import { decimalField } from './types/decimal';
import { emailField } from './types/email';
import { formulaField } from './types/formula';
import { integerField } from './types/integer';
import { jsonField } from './types/json';
import { longTextField } from './types/long-text';
import { lookupField } from './types/lookup';
import { masterDetailField } from './types/master-detail';
import { multiPicklistField } from './types/multi-picklist';
import { passwordField } from './types/password';
import { percentField } from './types/percent';
import { phoneField } from './types/phone';
import { picklistField } from './types/picklist';
import { richTextField } from './types/rich-text';
import { rolesField } from './types/roles';
import { textField } from './types/text';
import { urlField } from './types/url';
import { userField } from './types/user';

/** Every built-in field type, in the order designers list them; a type missing here fails to compile. */
export const builtinFieldTypes = {
  text: textField,
  longText: longTextField,
  richText: richTextField,
  email: emailField,
  phone: phoneField,
  url: urlField,
  integer: integerField,
  decimal: decimalField,
  currency: currencyField,
  percent: percentField,
  boolean: booleanField,
  date: dateField,
  datetime: datetimeField,
  picklist: picklistField,
  multiPicklist: multiPicklistField,
  lookup: lookupField,
  masterDetail: masterDetailField,
  user: userField,
  json: jsonField,
  autonumber: autonumberField,
  formula: formulaField,
  // Only Tessera's own user entity declares these two (the loader refuses them elsewhere).
  password: passwordField,
  roles: rolesField,
} satisfies { [N in FieldTypeName]: FieldType<N> };

/** The field type registry every layer asks (columns, schemas, operators, sorting, widgets). */
export const fieldTypes = new Registry<FieldTypeName, FieldType>(
  'field type',
  Object.entries(builtinFieldTypes) as [FieldTypeName, FieldType][],
);
