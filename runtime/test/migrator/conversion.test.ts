import { classifyTypeChange, conversionExpression } from '../../src/migrator/conversion';

describe('type changes', () => {
  it.each([
    ['character varying(20)', 'character varying(50)', 'widen'],
    ['character varying(50)', 'character varying(20)', 'narrow'],
    ['character varying(50)', 'text', 'widen'],
    ['text', 'character varying(255)', 'narrow'],
    ['integer', 'bigint', 'widen'],
    ['bigint', 'integer', 'narrow'],
    ['integer', 'numeric(18,4)', 'widen'],
    ['integer', 'numeric(10,2)', 'narrow'],
    ['numeric(10,2)', 'numeric(14,3)', 'widen'],
    ['numeric(10,2)', 'numeric(10,3)', 'narrow'],
    ['numeric(10,2)', 'numeric(18,0)', 'narrow'],
    ['numeric(18,2)', 'integer', 'narrow'],
    ['character varying(10)', 'integer', 'convert'],
    ['date', 'timestamp with time zone', 'convert'],
    ['character varying(100)', 'text[]', 'convert'],
    ['boolean', 'integer', 'convert'],
  ])('%s -> %s is %s', (from, to, change) => {
    expect(classifyTypeChange(from, to)).toBe(change);
  });

  it('converts into bounded text through text, so overlong values fail instead of being cut', () => {
    expect(conversionExpression('"c"', 'integer', 'character varying(5)')).toBe('"c"::text');
    expect(conversionExpression('"c"', 'character varying(100)', 'text[]')).toBe('case when "c" is null then null else array["c"::text] end');
    expect(conversionExpression('"c"', 'text[]', 'character varying(100)')).toBe("array_to_string(\"c\", ';')::text");
    expect(conversionExpression('"c"', 'jsonb', 'integer')).toBe("(\"c\" #>> '{}')::integer");
    expect(conversionExpression('"c"', 'integer', 'jsonb')).toBe('to_jsonb("c")');
  });
});
