import type { AppModel } from '@tessera/core';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { LoginLimits } from '../auth/login-limits';
import type { RoleStore } from '../auth/role-store';
import type { TokenCache } from '../auth/token-cache';
import type { Database } from '../db/connect';
import type { PluginRegistry } from '../plugins/plugin-registry';
import type { ProcessRuntime } from '../process/process-runtime';
import type { RecordHooks } from '../records/hooks';

/** Tunables of the HTTP server; every one has a default. */
export interface ServerOptions {
  /** The largest JSON body accepted (bytes, or a string like '1mb'); larger ones answer 413. Default 1 MB. */
  readonly bodyLimit?: number | string;
  /** Express's `trust proxy` setting: set it behind a load balancer so the client address and https are seen. */
  readonly trustProxy?: boolean | number | string;
  /** How long a login session (its cookie and token) lives. Default 12 hours. */
  readonly sessionTtlMs?: number;
  readonly loginLimits?: Partial<LoginLimits>;
  /** Route modules mounted after the built-in ones (plugins, test doubles). */
  readonly routes?: readonly RouteModule[];
}

/** What every route module gets: the model, the database, the roles in force, the logger and the resolved options. */
export interface ServerContext {
  readonly app: AppModel;
  readonly db: Database;
  readonly logger: Logger;
  /** The roles in force (metadata with the API's roles over it); permissions compile against its model, not `app`. */
  readonly roles: RoleStore;
  /** Sessions resolved lately, shared by authentication and logout. */
  readonly tokens: TokenCache;
  /** The process engine, when the server runs one: submit, tasks, and the hooks that lock and trigger on record writes. */
  readonly processes?: ProcessRuntime;
  /** What the plugins' code registered (write handlers, record actions). */
  readonly plugins: PluginRegistry;
  /** Every hook on record writes: the process engine's and the plugins'. */
  readonly hooks?: RecordHooks;
  readonly options: Required<Omit<ServerOptions, 'routes' | 'loginLimits' | 'trustProxy'>> & { readonly loginLimits: LoginLimits };
}

/**
 * A group of routes under one path below /api. `routes` run behind authentication (res.locals.user is set) and CSRF
 * checks; `publicRoutes` (rare: login) are reachable without credentials. Register a module with one line in server.ts.
 */
export interface RouteModule {
  /** The mount path below /api, e.g. '/records'. */
  readonly path: string;
  readonly routes?: (ctx: ServerContext) => Router;
  readonly publicRoutes?: (ctx: ServerContext) => Router;
}
