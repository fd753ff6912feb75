import { ADMIN, PASSWORD, RACE_DEALS, REPS, REVIEW_DEALS, TIMEOUT_DEALS, USERS } from './app';
import type { Client } from './client';

/** Which way a deal is approved: the two-step review, by a timeout (absent reviewer), or by a race with it (slow reviewer). */
export type DealKind = 'review' | 'absent' | 'race';

/** A deal of the run, and the rep who owns (and submits) it. */
export interface Deal {
  readonly id: string;
  readonly owner: string;
  readonly kind: DealKind;
}

/** The run's people and deals as the API made them. */
export interface Cast {
  /** The admin's token. */
  readonly admin: string;
  /** User ids by key. */
  readonly ids: Record<string, string>;
  /** Tokens by user key. */
  readonly tokens: Record<string, string>;
  readonly deals: Deal[];
}

/** Makes the users through the API (managers first) and logs each in, creates the deals and submits the review ones. */
export async function seed(client: Client): Promise<Cast> {
  const admin = await client.login(ADMIN.email, ADMIN.password);
  const ids: Record<string, string> = {};
  for (const [key, u] of Object.entries(USERS)) {
    const created = await client.ok(201, 'POST', '/api/records/user', admin, {
      email: `${key}@example.com`, name: key, password: PASSWORD, roles: u.roles, ...(u.manager ? { manager: ids[u.manager] } : {}),
    });
    ids[key] = created.id as string;
  }
  const tokens: Record<string, string> = {};
  for (const key of Object.keys(USERS)) tokens[key] = await client.login(`${key}@example.com`, PASSWORD);

  const deals: Deal[] = [];
  const newDeal = async (owner: string, kind: DealKind, values: object) => {
    const created = await client.ok(201, 'POST', '/api/records/deal', tokens[owner], { name: `${kind} ${deals.length + 1}`, amount: 1000, ...values });
    deals.push({ id: created.id as string, owner, kind });
  };
  for (let i = 0; i < REVIEW_DEALS; i++) await newDeal(REPS[i % REPS.length]!, 'review', { discount: 15 + (i % 5) * 5 });
  for (let i = 0; i < TIMEOUT_DEALS; i++) {
    // The race deals spread evenly among the absent reviewer's.
    const kind = (i * RACE_DEALS) % TIMEOUT_DEALS < RACE_DEALS ? 'race' : 'absent';
    await newDeal(REPS[i % REPS.length]!, kind, { discount: 5, reviewer: ids[kind === 'race' ? 'slow' : 'absent'] });
  }
  // The timeout deals are submitted during the stream (stream.ts), so that their timers fire among the decisions.
  for (const d of deals.filter((x) => x.kind === 'review')) await client.ok(201, 'POST', `/api/records/deal/${d.id}/submit`, tokens[d.owner]);
  return { admin, ids, tokens, deals };
}
