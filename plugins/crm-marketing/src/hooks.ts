import type { PluginApi } from '@tessera/runtime';
import { campaignHandlers } from './campaign-totals';
import { careRules } from './care-rules';
import { sendAction } from './mass-email';
import { scheduledMassEmails } from './scheduled-mass-emails';
import { unsubscribeLink } from './unsubscribe-link';

/**
 * crm-marketing's code: customer care rules applied every morning, campaign results kept from leads and opportunities,
 * and mass e-mails sent to campaign members (now or when scheduled) with a link to unsubscribe.
 */
export function register(api: PluginApi): void {
  api.schedule('careRules', careRules);
  for (const [entity, handler] of Object.entries(campaignHandlers)) api.onWrite(entity, handler);
  api.recordAction('massEmail', 'send', sendAction(api.app));
  api.schedule('massEmails', scheduledMassEmails(api.app));
  api.link('unsubscribe', unsubscribeLink);
}
