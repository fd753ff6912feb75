import { testEngines } from '../../support/databases';
import { setupBadInput, testEverySection } from './harness';

// SECURITY.md §2, filter values, for every field of every entity: quotes and broken encodings, type confusion, LIKE
// metacharacters, empty and 10,000-item lists, repeated parameters. A value is refused, or taken literally (no rows).
describe.each(testEngines())('bad filter values on %s', (engine) => {
  const fx = setupBadInput(engine);
  testEverySection(fx, 'values', '4xx or no rows, never a 5xx or a leak');
});
