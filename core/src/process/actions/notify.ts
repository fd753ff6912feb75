import type { LocalIssue } from '../../errors/issue';
import type { ActionType } from '../action-type';
import { checkApproverSources } from '../approvers';
import { actionSchemaId } from './fields';

/** Sends a notification from a template, in the app and by e-mail. */
export const notifyAction: ActionType<'notify'> = {
  name: 'notify',
  schemaId: actionSchemaId('notify'),
  check: (node, ctx) => {
    const issues: LocalIssue[] = [];
    if (!Object.hasOwn(ctx.app.templates, node.template)) {
      issues.push({ code: 'ref.template', path: '/template', params: { name: node.template, known: Object.keys(ctx.app.templates) }, found: node.template });
    }
    if (typeof node.to !== 'string') issues.push(...checkApproverSources(node.to, ctx, '/to'));
    return issues;
  },
};
