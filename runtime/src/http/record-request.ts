import type { EntityModel } from '@tessera/core';
import type { Request, Response } from 'express';
import type { RecordContext } from '../records/operations';
import type { ServerContext } from './context';
import { etagOf } from './etag';
import { problem } from './problem';
import { processProblem, recordProblem } from './record-problems';
import { requestLocale } from './request-locale';

/** The entity a path names, if the caller's roles let them read it; an entity they may not read does not exist for them. */
export function entityOf(ctx: ServerContext, req: Request, res: Response): EntityModel {
  const name = String(req.params.entity);
  if (!Object.hasOwn(res.locals.permissions.model.entities, name)) throw problem(404, { code: 'entity.not-found', detail: 'No such entity.' });
  return ctx.app.entities[name]!;
}

/** The record operations' context of a request: the caller, their permissions and placeholder values, the language. */
export function recordContext(ctx: ServerContext, req: Request, res: Response): RecordContext {
  const now = new Date();
  const { user } = res.locals;
  return {
    // The model the permissions were compiled against: it holds the roles in force (those a user may be given).
    db: ctx.db.knex, app: res.locals.permissions.app, permissions: res.locals.permissions, userId: user.id, locale: requestLocale(req),
    ...(ctx.hooks ? { hooks: ctx.hooks } : {}),
    values: { now, today: todayOf(now), user: { id: user.id, teamIds: user.teamIds, subordinateIds: user.subordinateIds } },
  };
}


const DAY_MS = 86_400_000;
let day = { start: 0, text: '' };

/** $today of an instant (the UTC calendar day), formatted once per day rather than once per request. */
function todayOf(now: Date): string {
  const t = now.getTime();
  if (t < day.start || t >= day.start + DAY_MS) day = { start: t - (t % DAY_MS), text: now.toISOString().slice(0, 10) };
  return day.text;
}

/** Runs a record or process operation, turning its RecordError or ProcessError into the problem to answer. */
export const attempt = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw processProblem(recordProblem(error));
  }
};

/** Answers a record with its strong ETag. */
export const sendRecord = (res: Response, record: Record<string, unknown>, status = 200) =>
  res.status(status).set('ETag', etagOf(record.id as string, record.version as number)).json(record);
