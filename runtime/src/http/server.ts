import type { AppModel } from '@tessera/core';
import express, { type Express } from 'express';
import helmet from 'helmet';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { DEFAULT_LOGIN_LIMITS } from '../auth/login-limits';
import { RoleStore } from '../auth/role-store';
import { TokenCache } from '../auth/token-cache';
import type { Database } from '../db/connect';
import { appHooks } from '../plugins/app-hooks';
import { PluginRegistry } from '../plugins/plugin-registry';
import type { ProcessRuntime } from '../process/process-runtime';
import { authenticate } from './authenticate';
import { jsonBody } from './body';
import type { RouteModule, ServerContext, ServerOptions } from './context';
import { csrfProtection } from './csrf';
import { errorHandler, notFound } from './problem';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { metaRoutes, openApiRoutes } from './routes/meta';
import { processRoutes, recordProcessRoutes } from './routes/processes';
import { taskRoutes } from './routes/tasks';
import { notificationRoutes } from './routes/notifications';
import { outboxRoutes } from './routes/outbox';
import { roleRoutes } from './routes/roles';
import { sharingRoutes } from './routes/sharing';
import { recordRoutes } from './routes/records';
import { aggregateRoutes } from './routes/aggregate';
import { duplicateRoutes } from './routes/duplicates';
import { importRoutes } from './routes/import';
import { recordActionRoutes } from './routes/record-actions';
import { documentRoutes } from './routes/documents';
import { jobRoutes } from './routes/jobs';
import { searchRoutes } from './routes/search';
import { exportRoutes } from './routes/export';
import { linkRoutes } from './routes/links';

/**
 * The route modules every server mounts under /api, in order. A new module (records, meta, tasks, openapi) is one
 * line here.
 */
const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  authRoutes,
  // Before recordRoutes, which would take /:entity/aggregate as /:entity/:id.
  aggregateRoutes,
  duplicateRoutes,
  importRoutes,
  recordActionRoutes,
  documentRoutes,
  exportRoutes,
  recordRoutes,
  searchRoutes,
  sharingRoutes,
  roleRoutes,
  recordProcessRoutes,
  processRoutes,
  taskRoutes,
  notificationRoutes,
  outboxRoutes,
  jobRoutes,
  metaRoutes,
  openApiRoutes,
];

/** What createServer needs: the model to serve, the database, and optionally a logger and tunables. */
export interface CreateServerInput {
  readonly app: AppModel;
  readonly db: Database;
  /** Defaults to pino at LOG_LEVEL (info), silent under jest. */
  readonly logger?: Logger;
  readonly options?: ServerOptions;
  /** The process engine (ProcessRuntime.create); without one, no process runs and records are never locked. */
  readonly processes?: ProcessRuntime;
  /** The plugins' code (PluginRegistry.load); none by default. */
  readonly plugins?: PluginRegistry;
}

/** The default logger: JSON lines on stdout at LOG_LEVEL, silent in tests. */
export const defaultLogger = (): Logger =>
  pino({ level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info') });

// Credentials must never reach a log line.
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/**
 * Builds the express application: security headers, request logs, JSON bodies, the public routes (health, login),
 * then authentication and CSRF checks in front of every other /api route, and problem+json errors. Auth tables
 * must exist (ensureAuthTables or bootstrapAdmin) before it serves logins.
 */
export function createServer(input: CreateServerInput): Express {
  const options = input.options ?? {};
  const plugins = input.plugins ?? PluginRegistry.none(input.app);
  const hooks = appHooks(input.app, input.processes?.hooks, plugins);
  const ctx: ServerContext = {
    app: input.app,
    db: input.db,
    logger: input.logger ?? defaultLogger(),
    roles: new RoleStore(input.app, input.db),
    tokens: new TokenCache(input.db.invalidations),
    ...(input.processes ? { processes: input.processes } : {}),
    plugins,
    ...(hooks ? { hooks } : {}),
    options: {
      bodyLimit: options.bodyLimit ?? '1mb',
      sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
      loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits },
    },
  };
  const modules = [...ROUTE_MODULES, ...(options.routes ?? [])];
  const server = express();
  server.set('trust proxy', options.trustProxy ?? false);
  // Records carry their own strong ETag (id and version); hashing every other body for a weak one buys nothing.
  server.set('etag', false);
  server.use(helmet());
  // Request lines are info; below that level pino-http would still build a child logger per request for nothing.
  if (ctx.logger.isLevelEnabled('info')) server.use(pinoHttp({ logger: ctx.logger, redact: REDACT }));
  else {
    server.use((req, _res, next) => {
      req.log = ctx.logger;
      next();
    });
  }

  const api = express.Router();
  // Before the JSON parser: a mail client's one-click unsubscribe posts a form (RFC 8058), which the link leaves unread.
  api.use(linkRoutes.path, linkRoutes.publicRoutes!(ctx));
  api.use(jsonBody(ctx.options.bodyLimit));
  for (const m of modules) if (m.publicRoutes) api.use(m.path, m.publicRoutes(ctx));
  api.use(authenticate(ctx));
  api.use(csrfProtection);
  for (const m of modules) if (m.routes) api.use(m.path, m.routes(ctx));

  server.use('/api', api);
  server.use(notFound);
  server.use(errorHandler);
  return server;
}
