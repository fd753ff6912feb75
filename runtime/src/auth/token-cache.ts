import type { Invalidations } from '../db/invalidations';
import type { AuthUser } from './users';

/** The topic every write to users or their roles publishes (a trigger, auth-tables.ts); a session's end publishes "token:<hash hex>". */
export const USERS_TOPIC = 'entity:user';

interface Entry {
  readonly user: AuthUser;
  readonly until: number;
}

/**
 * Resolved tokens, kept for a few seconds so that most requests authenticate without a query. An entry dies at its
 * TTL, at the session's expiry, on its token's revocation and on any change to users, heard from every instance;
 * nothing is cached while the invalidation listener is down.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly invalidations: Invalidations, private readonly ttlMs = 10_000, private readonly maxEntries = 10_000) {
    invalidations.subscribe((topic) => {
      if (topic === undefined || topic === USERS_TOPIC) this.entries.clear();
      else if (topic.startsWith('token:')) this.entries.delete(topic.slice('token:'.length));
    });
  }

  /** The invalidation generation to hand back to set(), read before the lookup it caches. */
  get generation(): number {
    return this.invalidations.generation;
  }

  /** The cached user of a token hash, if still fresh. */
  get(hashHex: string): AuthUser | undefined {
    const entry = this.entries.get(hashHex);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.user;
    this.entries.delete(hashHex);
    return undefined;
  }

  /** Drops a token at once on this instance (a logout), before the other instances hear of it. */
  forget(hashHex: string): void {
    this.entries.delete(hashHex);
  }

  /** Keeps a lookup's answer, unless an invalidation arrived since it began (it may predate the change). */
  set(hashHex: string, user: AuthUser, expiresAt: Date, generation: number): void {
    if (!this.invalidations.live || generation !== this.invalidations.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hashHex, { user, until: Math.min(Date.now() + this.ttlMs, expiresAt.getTime()) });
  }
}
