import type { PluginApi } from '@tessera/runtime';
import { campaignHandlers } from './campaign-totals';
import { careRules } from './care-rules';

/** crm-marketing's code: customer care rules applied every morning, and campaign results kept from leads and opportunities. */
export function register(api: PluginApi): void {
  api.schedule('careRules', careRules);
  for (const [entity, handler] of Object.entries(campaignHandlers)) api.onWrite(entity, handler);
}
