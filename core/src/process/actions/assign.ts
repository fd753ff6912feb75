import type { ActionType } from '../action-type';
import { checkApproverSources } from '../approvers';
import { actionSchemaId } from './fields';

/** Changes the owner of the record. */
export const assignAction: ActionType<'assign'> = {
  name: 'assign',
  schemaId: actionSchemaId('assign'),
  check: (node, ctx) => (ctx.entity.ownership === 'user' ? checkApproverSources(node.to, ctx, '/to') : [{
    code: 'process.config', path: '/to', params: { node: node.id, reason: `entity "${ctx.entity.name}" has no owner to assign`, reasonZh: `实体 "${ctx.entity.name}" 没有负责人可分配` },
  }]),
};
