import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { notifyUsers } from '../notifications';
import { PluginLoadError } from './plugin-registry';
import type { PluginNotify, PluginRecords } from './plugin-api';

/**
 * A plugin's notices in a transaction, sent as the process engine sends its own: the record it is about is read as the
 * system (every field, formulas computed: a notice goes to named users, and templates pick what they show), with its
 * title and entity label. Keys are the plugin's own, so two plugins never suppress each other's notices.
 */
export function pluginNotify(app: AppModel, trx: Knex.Transaction, system: PluginRecords, plugin: string): PluginNotify {
  return async (notice) => {
    let record: Record<string, unknown> | undefined;
    if (notice.about) {
      const entity = app.entities[notice.about.entity];
      if (!entity) throw new PluginLoadError(`${plugin}: a notice is about "${notice.about.entity}", which the app does not have`);
      const row = await system.get(entity.name, notice.about.id);
      record = { ...row, title: (entity.titleField ? row[entity.titleField] : undefined) ?? row.id, entity: entity.label };
    }
    await notifyUsers(trx, app, {
      userIds: notice.to, template: notice.template, key: `plugin:${plugin}:${notice.key}`,
      data: { ...(record ? { record } : {}), ...notice.data },
      ...(notice.about ? { entity: notice.about.entity, recordId: notice.about.id } : {}),
    });
  };
}
