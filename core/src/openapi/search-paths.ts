import type { AppModel } from '../model/app-model';
import { DEFAULT_SEARCH_LIMITS } from '../search/search-request';
import { searchableEntities } from '../search/searchable-fields';
import { json } from './entity-paths';
import { errorResponses } from './problem';
import { READ_SECURITY } from './security';
import { apiSummary, apiTag } from './texts';
import type { PathItem } from './types';

const { maxLength, maxTerms, defaultLimit, maxLimit } = DEFAULT_SEARCH_LIMITS;

const RANGE = { type: 'array', prefixItems: [{ type: 'integer', minimum: 0 }, { type: 'integer', minimum: 0 }], minItems: 2, maxItems: 2 } as const;

const SEARCH_HIT = {
  type: 'object',
  required: ['entity', 'id', 'title', 'score', 'highlights'],
  properties: {
    entity: { type: 'string' },
    id: { type: 'string', format: 'uuid' },
    title: { type: ['string', 'null'], description: "The record's title field as text; null when the caller may not read it." },
    score: { type: 'number', description: 'Higher is better: an exact title first, then titles starting with the text, then the rest.' },
    highlights: {
      type: 'array',
      description: 'The searchable fields that matched, with the matched ranges [start, end) in UTF-16 offsets of `text`.',
      items: {
        type: 'object',
        required: ['field', 'text', 'ranges'],
        properties: {
          field: { type: 'string' },
          text: { type: 'string', description: 'The value, or for a long one a window of 200 characters around its first match.' },
          ranges: { type: 'array', items: RANGE },
        },
      },
    },
  },
} as const;

/** GET /api/search over the entities of the model (the caller's view of it) that have searchable fields. */
export function searchPaths(app: AppModel, locale: string): Record<string, PathItem> {
  const names = searchableEntities(app).map((e) => e.name);
  return {
    '/api/search': {
      get: {
        operationId: 'search.search', summary: apiSummary('search', locale), tags: [apiTag('search', locale)],
        description: 'Records of several entities matching every word of a text, best first, over the rows and searchable fields '
          + 'the caller may read. Latin words match as prefixes of words, whatever the case; Chinese, Japanese and Korean text '
          + 'matches as a substring. An entity the caller may not read is left out, or refused (400) when named.',
        parameters: [
          { name: 'q', in: 'query', required: true, description: `The text: at most ${maxLength} characters and ${maxTerms} words.`, schema: { type: 'string', minLength: 1, maxLength } },
          {
            name: 'entities', in: 'query', description: `Comma-separated entities to search (default: all of them): ${names.join(', ') || 'none'}.`,
            schema: { type: 'string' },
          },
          { name: 'limit', in: 'query', description: 'The most hits answered, across entities.', schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit } },
        ],
        security: READ_SECURITY,
        responses: {
          200: {
            description: 'The hits, best first.',
            content: json({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: SEARCH_HIT } } }),
          },
          ...errorResponses(400, 401),
        },
      },
    },
  };
}
