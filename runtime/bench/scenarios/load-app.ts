import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadApp } from '@tessera/core';
import { fsReader } from '../../src/metadata/fs-reader';
import { generateApp } from '../generate-app';
import type { Scenario } from '../scenario';

/** DESIGN.md §7: load + validate an app of 200 entities x 30 fields over 5 plugins, with extends and customizations. */
export const loadAppScenario: Scenario = {
  name: 'load + validate 200 entities x 30 fields (5 plugins, extends, customizations)',
  async run(rounds) {
    const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-'));
    try {
      await generateApp(dir, { plugins: 5, entities: 200, fieldsPerEntity: 30 });
      const first = await loadApp(fsReader(dir));
      if (!first.ok) throw new Error(`the generated app is invalid: ${JSON.stringify(first.issues.slice(0, 3))}`);
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        const result = await loadApp(fsReader(dir));
        times.push(performance.now() - started);
        if (!result.ok) throw new Error('the generated app became invalid');
      }
      const fields = Object.values(first.app.entities).reduce((n, e) => n + e.fieldNames.length, 0);
      return { unit: 'ms', samples: times, budget: { max: 1000 }, note: `${Object.keys(first.app.entities).length} entities, ${fields} fields` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
