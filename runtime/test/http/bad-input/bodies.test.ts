import { testEngines } from '../../support/databases';
import { setupBadInput, testEverySection } from './harness';

// SECURITY.md §2, bodies of create, update and bulk create: mass assignment of read-only fields, tricky and duplicate
// keys, wrong-typed values for every field, shapes, sizes, nesting and content types. A refused body writes nothing.
describe.each(testEngines())('bad bodies on %s', (engine) => {
  const fx = setupBadInput(engine);
  testEverySection(fx, 'bodies', '4xx and nothing written, never a 5xx or a leak');
});
