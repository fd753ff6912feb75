import type { PluginRecords, WriteEvent } from '@tessera/runtime';
import { listEvery } from './list-every';

type Row = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * A campaign's results from the records that name it: leads generated, opportunities created and the revenue of the
 * won ones (stages marked won). Cost per lead and ROI are formulas over these and the actual cost. Writes only what
 * changed, so a total that did not move writes no history and wakes no handler.
 */
export async function campaignTotals(records: PluginRecords, campaignId: string): Promise<void> {
  const campaign = await records.get('campaign', campaignId).catch(() => undefined);
  if (!campaign) return;
  const leads = await listEvery(records, 'lead', { campaign: campaignId });
  const opportunities = await listEvery(records, 'opportunity', { campaign: campaignId });
  const won = new Set((await records.list('salesStage', { isWon: true })).map((s) => s.id));
  const totals: Row = {
    leadsGenerated: leads.length,
    opportunitiesCreated: opportunities.length,
    wonRevenue: round2(opportunities.filter((o) => won.has(o.stage)).reduce((sum, o) => sum + num(o.amount), 0)),
  };
  const changed = Object.fromEntries(Object.entries(totals).filter(([k, v]) => (campaign[k] === null ? null : num(campaign[k])) !== v));
  if (Object.keys(changed).length) await records.update('campaign', campaignId, changed);
}

const changedAny = (event: WriteEvent, fields: readonly string[]) =>
  event.action !== 'update' || fields.some((f) => (event.before?.[f] ?? null) !== (event.after?.[f] ?? null));

/** The campaigns a write moves counts of: the one the record named before and the one it names now. */
const campaignsOf = (event: WriteEvent) =>
  [...new Set([event.before?.campaign, event.after?.campaign])].filter((c): c is string => typeof c === 'string');

async function recount(event: WriteEvent, fields: readonly string[]): Promise<void> {
  if (!changedAny(event, fields)) return;
  for (const campaign of campaignsOf(event)) await campaignTotals(event.records, campaign);
}

/**
 * An opportunity opened from a lead (as a conversion does) without a campaign comes from the lead's campaign; the
 * update that sets it recounts.
 */
async function opportunity(event: WriteEvent): Promise<void> {
  const sourceLead = event.after?.sourceLead as string | undefined;
  if (event.action === 'create' && !event.after?.campaign && sourceLead) {
    const campaign = (await event.records.get('lead', sourceLead).catch(() => undefined))?.campaign;
    if (campaign) {
      await event.records.update('opportunity', event.id, { campaign });
      return;
    }
  }
  await recount(event, ['campaign', 'stage', 'amount']);
}

/** A stage becoming (or ceasing to be) a won stage moves the won revenue of the campaigns with opportunities at it. */
async function salesStage(event: WriteEvent): Promise<void> {
  if (event.action !== 'update' || !changedAny(event, ['isWon'])) return;
  const at = await listEvery(event.records, 'opportunity', { stage: event.id, campaign: { $exists: true } });
  for (const campaign of new Set(at.map((o) => o.campaign as string))) await campaignTotals(event.records, campaign);
}

/** The handlers that keep campaign results current, by entity. */
export const campaignHandlers: Readonly<Record<string, (event: WriteEvent) => Promise<void>>> = {
  lead: (event) => recount(event, ['campaign']),
  opportunity,
  salesStage,
};
