import { MATCH_KEY_CASES } from './match-cases';
import { emailMatchKey, phoneMatchKey, textMatchKey } from './match-keys';

const KEYS = { text: textMatchKey, email: emailMatchKey, phone: phoneMatchKey };

describe.each(Object.entries(MATCH_KEY_CASES))('the %s match key', (name, cases) => {
  it.each(cases)('%j is %j', (value, key) => {
    expect(KEYS[name as keyof typeof KEYS].normalize(value)).toBe(key);
  });
});

describe('match key functions', () => {
  it('are immutable, strict SQL functions of one text', () => {
    for (const key of Object.values(KEYS)) {
      expect(key.sql).toMatch(new RegExp(`^create or replace function ${key.sqlFunction}\\(t text\\) returns text language sql immutable strict parallel safe as \\$\\$`));
    }
  });
});
