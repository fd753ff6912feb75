import type { PluginApi } from '@tessera/runtime';
import { suggestArticles } from './suggest-articles';

/** crm-service's code: knowledge articles suggested on a case. */
export function register(api: PluginApi): void {
  api.recordAction('case', 'suggestArticles', suggestArticles);
}
