import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The entity the approvals run on (table `deal`). */
export const ENTITY = 'deal';
/** The role whose members vote on every submission. */
export const APPROVER_ROLE = 'approver';
/** How many users have the approver role: every submission opens one task for each. */
export const APPROVERS = 3;
/** Approvals (or rejections) that decide a step: DESIGN.md's finance step, 2 of 3. */
export const QUORUM = 2;
/** The node that tells the submitter; its notification key is `node:<instance>:tell:<token>`. */
export const TELL_NODE = 'tell';

// A deal with a discount, as in DESIGN.md §5: a big discount needs approval, and the record says how it went.
const entity = {
  name: ENTITY, label: { en: 'Deal' }, titleField: 'name', ownership: 'user',
  fields: {
    name: { type: 'text', required: true, maxLength: 200 },
    amount: { type: 'decimal', precision: 12, scale: 2 },
    discount: { type: 'percent' },
    approvalStatus: { type: 'picklist', options: ['pending', 'approved', 'rejected'], default: 'pending' },
  },
};

const roles = {
  // Requesters own their deals and submit them; the row rule is the same one the HTTP scenarios pay for.
  requester: { name: 'requester', label: { en: 'Requester' }, permissions: [{ action: ['read', 'create', 'update'], subject: ENTITY, where: { ownerId: '$user.id' } }] },
  [APPROVER_ROLE]: { name: APPROVER_ROLE, label: { en: 'Approver' }, permissions: [{ action: 'read', subject: ENTITY }] },
};

// The submitter's notice (the first line is the subject), rendered in the decision's transaction for every outcome.
const RESULT_TEMPLATE = 'Deal {{record.title}}: {{status}}\nThe deal "{{record.title}}" finished {{process.name}} as {{status}}.\n';

const setStatus = (id: string, status: string) => ({ id, type: 'action', action: 'update', set: { approvalStatus: status } });

/**
 * The measured process: a quorum of the approver role, then the record updated and the submitter told, with the
 * record locked meanwhile. So each deciding vote locks the instance and the task, writes a history step, counts the
 * votes, and the vote that reaches the quorum also cancels the third task, updates the record (validated, with its
 * own history row), releases the lock, renders a notification and finishes the instance.
 */
const process = {
  name: 'discount_approval', label: { en: 'Discount approval' }, entity: ENTITY, trigger: { on: 'submit' }, entry: { discount: { $gt: 10 } },
  nodes: [
    { id: 'fin', type: 'approval', approvers: { role: APPROVER_ROLE }, mode: 'quorum', quorum: QUORUM },
    setStatus('ok', 'approved'), setStatus('no', 'rejected'),
    { id: TELL_NODE, type: 'action', action: 'notify', template: 'approval_result', to: 'submitter' },
  ],
  edges: [
    { from: 'start', to: 'fin' }, { from: 'fin', to: 'ok', on: 'approved' }, { from: 'fin', to: 'no', on: 'rejected' },
    { from: 'ok', to: TELL_NODE }, { from: 'no', to: TELL_NODE },
  ],
  lockRecord: true, allowRecall: true,
};

/** Writes the approvals app into a new temporary folder (startServer loads apps from a folder) and answers it. */
export async function writeApprovalsApp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-approvals-'));
  for (const sub of ['entities', 'roles', 'processes', 'templates']) await mkdir(path.join(dir, sub));
  await writeFile(path.join(dir, 'app.json'), JSON.stringify({ name: 'bench-approvals', version: '0.1.0' }));
  await writeFile(path.join(dir, 'entities', `${ENTITY}.json`), JSON.stringify(entity));
  for (const role of Object.values(roles)) await writeFile(path.join(dir, 'roles', `${role.name}.json`), JSON.stringify(role));
  await writeFile(path.join(dir, 'processes', `${process.name}.json`), JSON.stringify(process));
  await writeFile(path.join(dir, 'templates', 'approval_result.hbs'), RESULT_TEMPLATE);
  return dir;
}
