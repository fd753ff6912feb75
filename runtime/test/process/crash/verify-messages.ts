import { messageIdOf } from '../../../src/notifications/kinds/email';
import type { Rows } from './rows';

/**
 * Checks the notifications and e-mails against the tasks and instances, and the outbox against what the SMTP sink
 * received (Message-IDs, a copy as often as it came); answers the counts.
 */
export function verifyMessages({ tasks, instances, notifications, outbox }: Rows, received: readonly string[]) {
  // Notifications: one per task to its assignee and one result per instance to its submitter (unique per user and key).
  expect(new Set(notifications.map((n) => `${n.user_id} ${n.key}`)).size).toBe(notifications.length);
  for (const t of tasks) expect([t.id, notifications.filter((n) => n.key.startsWith(`task:${t.id}:`)).map((n) => n.user_id)]).toEqual([t.id, [t.assignee]]);
  for (const i of instances) expect([i.id, notifications.filter((n) => n.key.startsWith(`node:${i.id}:tell:`)).length]).toEqual([i.id, 1]);
  expect(notifications).toHaveLength(tasks.length + instances.length);

  // E-mails: one outbox row per notification, every one sent; the sink got each Message-ID, a copy only of a known one.
  expect(new Set(outbox.map((o) => o.key))).toEqual(new Set(notifications.map((n) => `email:${n.user_id}:${n.key}`)));
  expect(outbox.filter((o) => o.kind !== 'email' || o.status !== 'sent')).toEqual([]);
  const expected = new Set(outbox.map((o) => messageIdOf(String(o.id))));
  const copies = new Map<string, number>();
  for (const id of received) copies.set(id, (copies.get(id) ?? 0) + 1);
  expect([...copies.keys()].filter((id) => !expected.has(id))).toEqual([]);
  expect([...expected].filter((id) => !copies.has(id))).toEqual([]);
  // A copy comes only from a row claimed again after the kill cut its first try short: as many tries as copies, at least.
  const attempts = new Map(outbox.map((o) => [messageIdOf(String(o.id)), o.attempts]));
  expect([...copies].filter(([id, n]) => n > attempts.get(id)!)).toEqual([]);

  return {
    notifications: notifications.length,
    emails: outbox.length,
    emailsReceived: received.length,
    emailDuplicates: [...copies.values()].reduce((n, c) => n + c - 1, 0),
    outboxRowsTriedMoreThanOnce: outbox.filter((o) => o.attempts > 1).length,
  };
}
