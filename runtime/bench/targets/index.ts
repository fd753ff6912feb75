import { r0, r1 } from './baselines';
import type { Target } from './target';
import { tessera } from './tessera-target';

/** Every target of a bench run, in the order each round visits them. */
export const targets: readonly Target[] = [r0, r1, tessera];
