/** Where a part of a merged definition came from: a prefix inside the merged document maps to a file and pointer. */
export type SourceMap = Array<{ readonly prefix: string; readonly file: string; readonly path: string }>;

/** A definition as merged from layers, with where each part came from. */
export interface Draft<T> {
  value: T;
  /** The layer that defined it. */
  readonly origin: string;
  readonly map: SourceMap;
  readonly extendedBy: string[];
  /** For entities: the layer of each field that another layer added. */
  readonly fieldOrigins: Record<string, string>;
}

/** The file and pointer of a place in a merged definition: the longest mapped prefix wins. */
export function locate(map: SourceMap, pointer: string): { file: string; path: string } {
  let best = map[0]!;
  for (const entry of map) {
    const covers = pointer === entry.prefix || pointer.startsWith(`${entry.prefix}/`) || entry.prefix === '';
    if (covers && entry.prefix.length >= best.prefix.length) best = entry;
  }
  return { file: best.file, path: best.path + pointer.slice(best.prefix.length) };
}

/** Escapes a key for a JSON pointer segment. */
export const segment = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
