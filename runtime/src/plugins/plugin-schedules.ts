import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { Jobs } from '../jobs/jobs';
import type { RecordHooks } from '../records/hooks';
import { pluginMessaging } from './plugin-messaging';
import { pluginRecords, systemContext } from './plugin-records';
import type { PluginRegistry, PluginSchedule } from './plugin-registry';

const PREFIX = 'tessera_plugin_';

/** What a plugin's schedule runs against: the app, its database, every record hook, and the clock. */
export interface ScheduleTarget {
  readonly app: AppModel;
  readonly knex: Knex;
  readonly hooks: RecordHooks | undefined;
  readonly clock: () => Date;
}

/** Runs one schedule now, in one transaction: everything it wrote and told commits together or not at all. */
export async function runPluginSchedule(target: ScheduleTarget, schedule: PluginSchedule): Promise<void> {
  const now = target.clock();
  await target.knex.transaction(async (trx) => {
    const records = pluginRecords(systemContext(target.app, trx, null, target.hooks, now));
    await schedule.run({
      now, today: now.toISOString().slice(0, 10), records, ...pluginMessaging(target.app, trx, records, schedule.plugin, schedule.links),
    });
  });
}

/**
 * Puts each plugin schedule on its cron (one job per tick across the app's servers, retried with backoff when it
 * throws) and takes its ticks here; the schedules of code no longer registered are removed.
 */
export async function startPluginSchedules(jobs: Jobs, target: ScheduleTarget, registry: PluginRegistry): Promise<void> {
  const queueOf = (s: PluginSchedule) => `${PREFIX}${s.plugin}.${s.name}`.slice(0, 100);
  const wanted = new Set([...registry.schedules.values()].map(queueOf));
  for (const s of await jobs.schedules()) if (s.name.startsWith(PREFIX) && !wanted.has(s.name)) await jobs.schedule(s.name, null);
  for (const schedule of registry.schedules.values()) {
    await jobs.schedule(queueOf(schedule), schedule.cron);
    await jobs.work(queueOf(schedule), () => runPluginSchedule(target, schedule));
  }
}
