import { testEngines } from '../../support/databases';
import { badInputApp, SECTIONS } from './cases';
import { setupBadInput } from './harness';

// SECURITY.md §2, bodies of create, update and bulk create: mass assignment of read-only fields, tricky and duplicate
// keys, wrong-typed values for every field, shapes, sizes, nesting and content types. A refused body writes nothing.
describe.each(testEngines())('bad bodies on %s', (engine) => {
  const fx = setupBadInput(engine);
  describe.each(Object.keys(badInputApp.entities))('%s', (entity) => {
    it.each(SECTIONS.bodies)('%s: 4xx and nothing written, never a 5xx or a leak', async (section) => {
      const cases = fx.cases('bodies', entity, section);
      expect(cases.length).toBeGreaterThan(0);
      expect(await fx.run(cases)).toEqual([]);
    });
  });
});
