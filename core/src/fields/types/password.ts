import { defineFieldType } from '../define-field-type';

/** The lengths a password may have: long enough to resist guessing, short enough to hash cheaply (argon2 reads it all). */
export const PASSWORD_LENGTH = { min: 8, max: 200 } as const;

/**
 * A user's password: validated like any value, then hashed and stored beside the user by the runtime. It is never
 * read back, so it has no column, no operators and no sort, and forms render it as a password input.
 */
export const passwordField = defineFieldType({
  name: 'password',
  kind: 'text',
  valueSchema: () => ({ type: 'string', minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max, format: 'password' }),
  column: () => undefined,
  operators: [],
  // Taken as typed: spaces at either end are part of a password.
  coerce: (raw) => ({ ok: true, value: raw }),
  widget: 'password',
  writeOnly: true,
  // Nothing that formats values (templates, exports) may show a password, or even its length.
  format: () => '********',
  systemOnly: true,
});
