import type { PluginApi } from '@tessera/runtime';
import { slaDeadlines } from './sla-deadlines';
import { suggestArticles } from './suggest-articles';

/** crm-service's code: a case's deadlines from its priority's service level, and knowledge articles suggested on it. */
export function register(api: PluginApi): void {
  api.beforeSave('case', slaDeadlines);
  api.recordAction('case', 'suggestArticles', suggestArticles);
}
