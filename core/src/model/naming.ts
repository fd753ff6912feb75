/** PostgreSQL keeps the first 63 bytes of an identifier and silently drops the rest. */
export const MAX_IDENTIFIER_BYTES = 63;

/** The SQL name of a metadata name: closeDate -> close_date, unifiedSCCode -> unified_sc_code. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The length of a name in UTF-8 bytes, as PostgreSQL counts it. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
