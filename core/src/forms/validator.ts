import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RULE_KEYWORD } from './types';

/**
 * The one Ajv configuration forms are validated with, on the server and in tests: JSON Schema 2020-12, strict,
 * every error reported, formats on, and the rule annotation keyword known.
 */
export function createFormValidator(): Ajv2020 {
  // Nullable fields are typed ["string", "null"]: strict mode wants union types allowed explicitly.
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // "password" only tells forms to mask the input (OpenAPI's format); any string passes it.
  ajv.addFormat('password', true);
  ajv.addKeyword({
    keyword: RULE_KEYWORD,
    metaSchema: {
      type: 'object',
      required: ['name', 'path', 'message'],
      properties: { name: { type: 'string' }, path: { type: 'string' }, message: { type: 'object' } },
    },
  });
  return ajv;
}
