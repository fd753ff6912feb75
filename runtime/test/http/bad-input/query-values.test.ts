import { testEngines } from '../../support/databases';
import { badInputApp, SECTIONS } from './cases';
import { setupBadInput } from './harness';

// SECURITY.md §2, filter values, for every field of every entity: quotes and broken encodings, type confusion, LIKE
// metacharacters, empty and 10,000-item lists, repeated parameters. A value is refused, or taken literally (no rows).
describe.each(testEngines())('bad filter values on %s', (engine) => {
  const fx = setupBadInput(engine);
  describe.each(Object.keys(badInputApp.entities))('%s', (entity) => {
    it.each(SECTIONS.values)('%s: 4xx or no rows, never a 5xx or a leak', async (section) => {
      const cases = fx.cases('values', entity, section);
      expect(cases.length).toBeGreaterThan(0);
      expect(await fx.run(cases)).toEqual([]);
    });
  });
});
