import { problem } from './problem';

/** The strong ETag of a record version: "<id>:<version>". */
export const etagOf = (id: string, version: number): string => `"${id}:${version}"`;

/**
 * The version an If-Match header expects, or undefined without one. A header that is not one of our ETags for this
 * record (weak, malformed, another id, several) is a 400, never a 412.
 */
export function expectedVersion(header: string | undefined, id: string): number | undefined {
  if (header === undefined) return undefined;
  const match = /^"([0-9a-fA-F-]{36}):([1-9][0-9]{0,9})"$/.exec(header.trim());
  if (!match || match[1]!.toLowerCase() !== id.toLowerCase()) {
    throw problem(400, { code: 'if-match.malformed', detail: 'If-Match must be the ETag of this record, as "<id>:<version>".' });
  }
  return Number(match[2]);
}
