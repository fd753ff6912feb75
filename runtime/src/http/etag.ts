import { problem } from './problem';

/** The largest version a record can reach: the version column is a PostgreSQL integer. */
const MAX_VERSION = 2_147_483_647;

/** The strong ETag of a record version: "<id>:<version>". */
export const etagOf = (id: string, version: number): string => `"${id}:${version}"`;

/**
 * The version an If-Match header expects, or undefined without one. A header that is not one of our ETags for this
 * record (weak, malformed, another id, several) is a 400, never a 412.
 */
export function expectedVersion(header: string | undefined, id: string): number | undefined {
  if (header === undefined) return undefined;
  const match = /^"([0-9a-fA-F-]{36}):([1-9][0-9]{0,9})"$/.exec(header.trim());
  // Versions are integer columns: a larger one is no ETag of ours (and must not reach SQL as an out-of-range value).
  if (!match || match[1]!.toLowerCase() !== id.toLowerCase() || Number(match[2]) > MAX_VERSION) {
    throw problem(400, { code: 'if-match.malformed', detail: 'If-Match must be the ETag of this record, as "<id>:<version>".' });
  }
  return Number(match[2]);
}
