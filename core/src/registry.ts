/** Thrown when a registry is asked for a key it lacks, or to register one twice. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
}

/**
 * A typed registry of named definitions (field types, operators, node types, actions, widgets).
 * Registration refuses duplicates; a lookup of an unknown key names the keys that exist.
 */
export class Registry<K extends string, V> {
  private readonly items = new Map<string, V>();

  constructor(readonly kind: string, entries: Iterable<readonly [K, V]> = []) {
    for (const [key, value] of entries) this.register(key, value);
  }

  /** Adds a definition; a key registered twice is an error, never a silent override. */
  register(key: K, value: V): this {
    if (this.items.has(key)) throw new RegistryError(`${this.kind} "${key}" is already registered`);
    this.items.set(key, value);
    return this;
  }

  /** The definition for a key; an unknown key throws with the list of known keys. */
  get(key: string): V {
    const value = this.items.get(key);
    if (value === undefined) {
      throw new RegistryError(`unknown ${this.kind} "${key}"; known: ${this.keys().join(', ')}`);
    }
    return value;
  }

  /** The definition for a key, or undefined. */
  find(key: string): V | undefined {
    return this.items.get(key);
  }

  /** Whether the key is registered (and so a valid K). */
  has(key: string): key is K {
    return this.items.has(key);
  }

  /** The registered keys, in registration order. */
  keys(): K[] {
    return [...this.items.keys()] as K[];
  }

  /** The registered definitions, in registration order. */
  values(): V[] {
    return [...this.items.values()];
  }
}
