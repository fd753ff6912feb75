import { currentRecord } from './record-access';
import { notifyUsers } from '../notifications';
import type { ProcessTx, Task } from './model';

/** What a template about the instance's record is given: the record, its title and entity label, the process and submitter. */
export async function noticeData(px: ProcessTx, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const record = await currentRecord(px);
  const title = px.entity.titleField ? record[px.entity.titleField] : undefined;
  return {
    record: { ...record, title: title ?? record.id, entity: px.entity.label },
    process: { name: px.process.name, label: px.process.label ?? { en: px.process.name } },
    instance: { id: px.instance.id, status: px.instance.status, outcome: px.instance.outcome },
    // A notice sent while the instance still runs (the usual "tell the submitter" last step) reports the decision so far.
    status: px.instance.status === 'running' ? px.instance.outcome ?? 'running' : px.instance.status,
    ...extra,
  };
}

/** Tells a task's assignee, in the app and by e-mail, that it waits for them (once per assignment). */
export async function tellAssignee(px: ProcessTx, task: Task): Promise<void> {
  const submitter = px.instance.submittedBy ? await px.trx('user').where({ id: px.instance.submittedBy }).first('name') as { name: string } | undefined : undefined;
  const link = px.engine.link(`/tasks/${task.id}`);
  await notifyUsers(px.trx, px.engine.app, {
    userIds: [task.assignee], template: 'task_assigned', key: `task:${task.id}:${task.revision}`,
    data: await noticeData(px, { task: { id: task.id, node: task.node, dueAt: task.dueAt }, link, ...(submitter ? { submitter } : {}) }),
    entity: px.instance.entity, recordId: px.instance.recordId, link,
  });
}
