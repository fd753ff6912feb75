import type { SaveEvent } from '@tessera/runtime';

const HOUR_MS = 3_600_000;
const DEADLINES = { slaResponseDue: 'responseHours', slaResolutionDue: 'resolutionHours' } as const;

/**
 * A case's service-level deadlines from the active service level of its priority, counted from when the case was
 * opened: filled on create when not entered, and moved on a change of priority unless the same write enters them.
 * Being set before the case is stored, they start the escalation process on create as entered deadlines do.
 */
export async function slaDeadlines({ action, record, before, records }: SaveEvent): Promise<Record<string, string> | undefined> {
  if (action === 'update' && record.priority === before?.priority) return undefined;
  const open = (Object.keys(DEADLINES) as Array<keyof typeof DEADLINES>)
    .filter((f) => (action === 'create' ? record[f] === null || record[f] === undefined : record[f] === before?.[f]));
  if (!open.length || typeof record.priority !== 'string') return undefined;
  const [policy] = await records.list('slaPolicy', { priority: record.priority, active: true }, { limit: 1 });
  if (!policy) return undefined;
  const opened = new Date(String(record.createdAt)).getTime();
  return Object.fromEntries(open.map((f) => [f, new Date(opened + Number(policy[DEADLINES[f]]) * HOUR_MS).toISOString()]));
}
