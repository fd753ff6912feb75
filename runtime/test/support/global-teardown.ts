import { rm } from 'node:fs/promises';
import { TEMPLATES_ENV } from './databases';

/** Removes this run's migrated templates. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env[TEMPLATES_ENV];
  if (dir) await rm(dir, { recursive: true, force: true });
}
