import type { ActionType } from '../action-type';
import { actionSchemaId } from './fields';

/** Posts the record to a URL, signed; the body comes from a template when one is named. */
export const webhookAction: ActionType<'webhook'> = {
  name: 'webhook',
  schemaId: actionSchemaId('webhook'),
  check: (node, ctx) =>
    node.template === undefined || Object.hasOwn(ctx.app.templates, node.template)
      ? []
      : [{ code: 'ref.template', path: '/template', params: { name: node.template, known: Object.keys(ctx.app.templates) }, found: node.template }],
};
