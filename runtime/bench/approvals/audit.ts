import type { Database } from '../../src/db/connect';
import { ENTITY, QUORUM, TELL_NODE } from './app';

/** What the client was answered over the whole run (warm-up included): task ids by outcome, and other answers. */
export interface Answers {
  readonly ok: readonly string[];
  readonly closed: readonly string[];
  /** Answers neither 200 nor 409, connection errors included. */
  readonly other: number;
}

/** The counts that prove no decision was lost or doubled, the notes that print them, and what did not add up. */
export interface Audit {
  readonly notes: readonly string[];
  readonly mismatches: readonly string[];
}


// Arrays of ids go to PostgreSQL as one array literal: uuids need no quoting, and one parameter keeps it one statement.
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The one row of a counting query, as numbers (PostgreSQL's bigint counts arrive as text). */
async function counts<K extends string>(db: Database, sql: string, bindings: ReadonlyArray<string | number> = []): Promise<Record<K, number>> {
  const row = ((await db.knex.raw(sql, [...bindings])).rows as Array<Record<K, string | number>>)[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<K, number>;
}

/** The decided tasks against the 200 answers, and the history's decision steps against both. */
const DECISIONS = `
  with ok as (select distinct id from unnest(?::uuid[]) as a(id)),
  decided as (select id, status, decided_by, assignee from tessera_tasks where status in ('approved', 'rejected')),
  steps as (select (step->>'taskId')::uuid as task_id, step->>'event' as event from tessera_history
            where action = 'process' and step->>'event' in ('approved', 'rejected'))
  select (select count(*) from decided) as decided,
    (select count(*) from decided where decided_by is distinct from assignee) as decided_by_other,
    (select count(*) from ok where id not in (select id from decided)) as lost,
    (select count(*) from decided where id not in (select id from ok)) as unanswered,
    (select count(*) from steps) as steps,
    (select count(*) from (select task_id from steps group by task_id having count(*) > 1) as d) as doubled,
    (select count(*) from decided d where not exists (select 1 from steps s where s.task_id = d.id and s.event = d.status)) as without_step,
    (select count(*) from steps s where not exists (select 1 from decided d where d.id = s.task_id and d.status = s.event)) as stray`;

/** 409 answers on a task the quorum cancelled: its instance decided, by exactly QUORUM votes of the other approvers. */
const CLOSED = `
  select count(*) as explained from unnest(?::uuid[]) as a(id)
  join tessera_tasks t on t.id = a.id join tessera_process_instances i on i.id = t.instance_id
  where t.status = 'cancelled' and i.status in ('approved', 'rejected')
    and (select count(*) from tessera_tasks o where o.instance_id = i.id and o.status = i.status) = ?`;

/**
 * Each instance against what its votes call for: decided (QUORUM votes one way) means its status is that outcome,
 * one 'finished' step, its record updated once (one update history row, version 2, the outcome in approvalStatus),
 * one notification of the tell node, and its record lock released; still waiting means none of those.
 */
const INSTANCES = `
  with votes as (select instance_id, count(*) filter (where status = 'approved') as a, count(*) filter (where status = 'rejected') as r
                 from tessera_tasks group by instance_id),
  finished as (select (step->>'instanceId')::uuid as id, count(*) as n from tessera_history
               where action = 'process' and step->>'event' = 'finished' group by 1),
  told as (select split_part(key, ':', 2)::uuid as id, count(*) as n from tessera_notifications where key like 'node:%:${TELL_NODE}:%' group by 1),
  updates as (select record_id, count(*) as n from tessera_history where entity = '${ENTITY}' and action = 'update' group by 1),
  locks as (select instance_id, count(*) as n from tessera_record_locks group by 1),
  per as (
    select i.status, coalesce(v.a, 0) + coalesce(v.r, 0) as votes, coalesce(f.n, 0) as finished, coalesce(t.n, 0) as told,
      coalesce(u.n, 0) as updates, coalesce(l.n, 0) as locks, d.version, d.approval_status,
      case when v.a >= ${QUORUM} then 'approved' when v.r >= ${QUORUM} then 'rejected' else 'running' end as expected
    from tessera_process_instances i join ${ENTITY} d on d.id = i.record_id left join votes v on v.instance_id = i.id
    left join finished f on f.id = i.id left join told t on t.id = i.id left join updates u on u.record_id = i.record_id
    left join locks l on l.instance_id = i.id),
  judged as (select *, (expected <> 'running')::int as done from per)
  select count(*) as instances, sum(done) as decided, count(*) - sum(done) as waiting,
    coalesce(sum(finished), 0) as finished, coalesce(sum(updates), 0) as updates, coalesce(sum(told), 0) as told,
    count(*) filter (where status <> expected) as wrong_status,
    count(*) filter (where votes > ${QUORUM}) as over_quorum,
    count(*) filter (where finished <> done) as wrong_finished,
    count(*) filter (where updates <> done or version <> 1 + done
      or approval_status <> case expected when 'running' then 'pending' else expected end) as wrong_record,
    count(*) filter (where told <> done) as wrong_told,
    count(*) filter (where locks <> 1 - done) as wrong_locks
  from judged`;

/**
 * Counts, in the database, what the answers claim: every 200 is one decided task with one decision step and nothing
 * else is decided; every 409 is on a task a quorum closed; every instance that reached its quorum finished once,
 * updated its record once, told its submitter once and released its lock, and the others did none of it.
 */
export async function auditDecisions(db: Database, answers: Answers): Promise<Audit> {
  const d = await counts<'decided' | 'decided_by_other' | 'lost' | 'unanswered' | 'steps' | 'doubled' | 'without_step' | 'stray'>(db, DECISIONS, [uuidArray(answers.ok)]);
  const c = await counts<'explained'>(db, CLOSED, [uuidArray(answers.closed), QUORUM]);
  const i = await counts<'instances' | 'decided' | 'waiting' | 'finished' | 'updates' | 'told' | 'wrong_status' | 'over_quorum' | 'wrong_finished'
    | 'wrong_record' | 'wrong_told' | 'wrong_locks'>(db, INSTANCES);
  const mismatches = [
    answers.ok.length !== d.decided && `${answers.ok.length} decisions answered 200 but ${d.decided} tasks decided`,
    d.lost > 0 && `${d.lost} decisions answered 200 whose task is not decided (lost)`,
    d.unanswered > 0 && `${d.unanswered} tasks decided without a 200 answer`,
    d.decided_by_other > 0 && `${d.decided_by_other} tasks decided by someone other than their assignee`,
    d.steps !== d.decided && `${d.steps} decision steps in history for ${d.decided} decided tasks`,
    d.doubled > 0 && `${d.doubled} tasks with two decision steps (doubled)`,
    d.without_step > 0 && `${d.without_step} decided tasks without their step`,
    d.stray > 0 && `${d.stray} decision steps without their decided task`,
    c.explained !== answers.closed.length && `${answers.closed.length - c.explained} of ${answers.closed.length} 409 answers on a task no quorum closed`,
    answers.other > 0 && `${answers.other} answers neither 200 nor 409 (or no answer)`,
    i.over_quorum > 0 && `${i.over_quorum} instances with more than ${QUORUM} votes (a vote counted past the quorum)`,
    i.wrong_status > 0 && `${i.wrong_status} instances whose status is not what their votes call for`,
    i.wrong_finished > 0 && `${i.wrong_finished} instances not finished exactly once (decided) or not at all (waiting)`,
    i.wrong_record > 0 && `${i.wrong_record} records not updated exactly once with the outcome (decided) or at all (waiting)`,
    i.wrong_told > 0 && `${i.wrong_told} instances whose submitter was not told exactly once (decided) or at all (waiting)`,
    i.wrong_locks > 0 && `${i.wrong_locks} record locks not released (decided) or missing (waiting)`,
  ].filter((m): m is string => typeof m === 'string');
  const notes = [
    `decisions: ${answers.ok.length} answered 200 = ${d.decided} tasks decided by their assignee (${d.lost} lost, ${d.unanswered} unanswered) ` +
      `= ${d.steps} approved/rejected history steps (${d.doubled} tasks with two)`,
    `409 answers: ${answers.closed.length}, ${c.explained} of them on a task cancelled by a quorum the two other votes reached first ` +
      `(the third vote sent on one submission in four); other answers: ${answers.other}`,
    `instances: ${i.instances} submitted, ${i.decided} reached the quorum = ${i.finished} 'finished' steps = ${i.updates} record updates ` +
      `= ${i.told} submitter notifications, ${i.waiting} still waiting (seeded beyond what the rounds took, or cut off at a phase's end) and untouched; ` +
      `instances off in status, steps, record, notification or lock: ${i.wrong_status + i.wrong_finished + i.wrong_record + i.wrong_told + i.wrong_locks}`,
  ];
  return { notes, mismatches };
}
