import type { LocalIssue } from '../../errors/issue';
import { checkApproverSources } from '../approvers';
import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** A step where approvers decide; quorum and percent modes need their number, reassignment needs a target. */
export const approvalNode: NodeType<'approval'> = {
  name: 'approval',
  schemaId: nodeSchemaId('approval'),
  outcomes: () => ['approved', 'rejected'],
  next: { min: 0, max: 0 },
  check: (node, ctx) => {
    const issues: LocalIssue[] = checkApproverSources(node.approvers, ctx, '/approvers').map((i) => ({ ...i, params: { ...i.params, node: node.id } }));
    const config = (path: string, reason: string, reasonZh: string): LocalIssue => ({ code: 'process.config', path, params: { node: node.id, reason, reasonZh } });
    if (node.mode === 'quorum' && node.quorum === undefined) issues.push(config('/quorum', 'mode "quorum" needs "quorum" (how many approvals)', '模式 "quorum" 需要 "quorum"（需要多少人同意）'));
    if (node.mode === 'percent' && node.percent === undefined) issues.push(config('/percent', 'mode "percent" needs "percent"', '模式 "percent" 需要 "percent"'));
    if (node.timeout?.then === 'reassign' && !node.timeout.to) issues.push(config('/timeout', 'a timeout that reassigns needs "to"', '超时转办需要 "to"'));
    if (node.timeout?.to) issues.push(...checkApproverSources(node.timeout.to, ctx, '/timeout/to').map((i) => ({ ...i, params: { ...i.params, node: node.id } })));
    return issues;
  },
};
