import type { PluginRecords, RecordActionDefinition, SearchHit } from '@tessera/runtime';

/** An article offered on a case: what the search found in it, and how well it fits the case. */
interface Suggestion {
  readonly id: string;
  readonly title: string | null;
  readonly score: number;
  readonly highlights: SearchHit['highlights'];
}

/** How many articles a case is offered. */
const SUGGESTED = 5;
// An article about the case's own product ranks as if it matched one more word of the case.
const SAME_PRODUCT = 1;

/**
 * The words of a case to search the knowledge base for: its subject split at spaces and punctuation (Chinese has no
 * spaces: a run of Chinese is one word, found as a substring), one-letter words left out.
 */
export function caseWords(subject: string): string[] {
  const words = subject.split(/[\s\p{P}\p{S}]+/u).filter((w) => w.length >= 2);
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, 8);
}

/** The product the case's installed product is, if it names one. */
async function productOf(records: PluginRecords, installedProduct: unknown): Promise<string | undefined> {
  if (typeof installedProduct !== 'string') return undefined;
  const installed = await records.get('installedProduct', installedProduct).catch(() => undefined);
  return typeof installed?.product === 'string' ? installed.product : undefined;
}

/**
 * Published knowledge articles for a case, best first: each word of the subject is searched on its own (an article
 * matching more of them ranks higher), and articles about the case's product are offered too, or ranked higher. Only
 * articles the caller may read are offered.
 */
export const suggestArticles: RecordActionDefinition = {
  label: { en: 'Suggest articles', 'zh-CN': '推荐知识文章' },
  requires: 'read',
  run: async ({ record, records }) => {
    const found = new Map<string, Suggestion>();
    for (const word of caseWords(String(record.subject ?? ''))) {
      for (const hit of await records.search(word, { entities: ['knowledgeArticle'], limit: 20 })) {
        const seen = found.get(hit.id) ?? { id: hit.id, title: hit.title, score: 0, highlights: hit.highlights };
        found.set(hit.id, { ...seen, score: seen.score + 1 + hit.score / 100 });
      }
    }
    const product = await productOf(records, record.installedProduct);
    for (const article of product ? await records.list('knowledgeArticle', { product, status: 'published' }, { limit: 50 }) : []) {
      const seen = found.get(article.id as string) ?? { id: article.id as string, title: (article.title as string | null) ?? null, score: 0, highlights: [] };
      found.set(seen.id, { ...seen, score: seen.score + SAME_PRODUCT });
    }
    const published = new Set((found.size ? await records.list('knowledgeArticle', { id: { $in: [...found.keys()] }, status: 'published' }) : []).map((a) => a.id));
    const ranked = [...found.values()].filter((s) => published.has(s.id)).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return { data: ranked.slice(0, SUGGESTED).map((s) => ({ ...s, score: Math.round(s.score * 1000) / 1000 })) };
  },
};
