import { r0, r1 } from './baselines';
import type { Target } from './target';

/** Tessera's own server does not exist yet; replace this entry with a MeasuredTarget when it does (see README). */
const tessera: Target = {
  name: 'tessera', label: 'Tessera', role: 'subject',
  pending: 'its server does not exist yet',
};

/** Every target of a bench run, in the order each round visits them. */
export const targets: readonly Target[] = [r0, r1, tessera];
