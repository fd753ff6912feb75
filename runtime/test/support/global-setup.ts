import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initdbTemplate } from '../../src/db/pglite-template';
import { TEMPLATES_ENV } from './databases';

/**
 * Makes the cached PGlite initdb tarball once before the workers start, so no two test files pay for initdb,
 * and a folder for this run's migrated templates (workers inherit the environment set here).
 */
export default async function globalSetup(): Promise<void> {
  await initdbTemplate();
  process.env[TEMPLATES_ENV] = await mkdtemp(path.join(tmpdir(), 'tessera-test-templates-'));
}
