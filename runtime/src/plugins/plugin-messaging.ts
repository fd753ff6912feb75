import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { PluginMessaging, PluginRecords } from './plugin-api';
import { pluginLinkUrl } from './plugin-links';
import { pluginMail } from './plugin-mail';
import { pluginNotify } from './plugin-notify';
import type { PluginLinks } from './plugin-registry';

/** A plugin's notices, mails and signed links in a transaction, however its code was called. */
export const pluginMessaging = (app: AppModel, trx: Knex.Transaction, system: PluginRecords, plugin: string, links: PluginLinks): PluginMessaging => ({
  notify: pluginNotify(app, trx, system, plugin), mail: pluginMail(app, trx, plugin), linkUrl: pluginLinkUrl(links, trx, plugin),
});
