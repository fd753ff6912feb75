import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadApp, type Issue } from '@tessera/core';
import { bootstrapAdmin } from '../auth/bootstrap-admin';
import { connect, type Database, type DatabaseTarget } from '../db/connect';
import { answerClientErrors } from '../http/client-errors';
import { createServer, defaultLogger } from '../http/server';
import { fsReader } from '../metadata/fs-reader';
import { apply, type ApplyResult } from '../migrator/apply';
import { appHooks } from '../plugins/app-hooks';
import { PluginLoadError, PluginRegistry } from '../plugins/plugin-registry';
import { startPluginSchedules } from '../plugins/plugin-schedules';
import { ProcessRuntime } from '../process/process-runtime';
import { ensureHistoryTable } from '../records/history';
import { FirstStartError, runFirstStart, type FirstStartCredentials } from './first-start';

/** What starting a Tessera server needs. */
export interface StartOptions {
  readonly appDir: string;
  readonly database: DatabaseTarget;
  readonly port: number;
  readonly host?: string;
  /** Told once, on the first start against an empty database, when the admin's password was generated. */
  readonly onGeneratedPassword?: (admin: { email: string; password: string }) => void;
  /** Told once, on the first start, of the users app.json's "firstStart" made, with their generated passwords. */
  readonly onFirstStartUsers?: (users: readonly FirstStartCredentials[]) => void;
}

/** Why a server did not start: invalid metadata, or a migration that needs a person's decision. */
export type StartFailure =
  | { readonly reason: 'invalid'; readonly issues: readonly Issue[] }
  | { readonly reason: 'migration'; readonly result: Extract<ApplyResult, { status: 'refused' }> }
  | { readonly reason: 'plugin'; readonly message: string }
  | { readonly reason: 'firstStart'; readonly message: string };

/** A running server: its address, and how to stop it and its database. */
export interface RunningServer {
  readonly url: string;
  readonly migration: ApplyResult;
  close(): Promise<void>;
}

/**
 * Starts Tessera on an app folder: load and validate the metadata, apply safe migrations (a destructive or blocked
 * plan stops the start, with nothing changed), create the runtime's tables and the first admin, then listen.
 */
export async function startServer(options: StartOptions): Promise<{ ok: true; server: RunningServer } | { ok: false; failure: StartFailure }> {
  const loaded = await loadApp(fsReader(options.appDir));
  if (!loaded.ok) return { ok: false, failure: { reason: 'invalid', issues: loaded.issues } };
  let plugins: PluginRegistry;
  try {
    plugins = PluginRegistry.load(loaded.app, options.appDir);
  } catch (error) {
    if (error instanceof PluginLoadError) return { ok: false, failure: { reason: 'plugin', message: error.message } };
    throw error;
  }
  const db = await connect(options.database);
  try {
    const migration = await apply(db.knex, loaded.app);
    if (migration.status === 'refused') {
      await db.close();
      return { ok: false, failure: { reason: 'migration', result: migration } };
    }
    await ensureHistoryTable(db.knex);
    const admin = await bootstrapAdmin(db.knex, { ...(options.onGeneratedPassword ? { onGeneratedPassword: options.onGeneratedPassword } : {}) });
    if (admin.status === 'created' && loaded.app.firstStart) {
      try {
        // Run whether or not anyone is told: `f?.(await g())` would skip g when f is missing.
        const credentials = await runFirstStart(db.knex, loaded.app, fsReader(options.appDir), admin.id, appHooks(loaded.app, undefined, plugins));
        options.onFirstStartUsers?.(credentials);
      } catch (error) {
        if (!(error instanceof FirstStartError)) throw error;
        await db.close();
        return { ok: false, failure: { reason: 'firstStart', message: error.message } };
      }
    }
    const logger = defaultLogger();
    const processes = await ProcessRuntime.create(loaded.app, db, logger);
    const http = createServer({ app: loaded.app, db, logger, processes, plugins });
    const server = await listen(http, options.port, options.host ?? '127.0.0.1');
    await processes.start();
    await startPluginSchedules(processes.jobs, { app: loaded.app, knex: db.knex, hooks: appHooks(loaded.app, processes.hooks, plugins), clock: processes.engine.clock }, plugins);
    const { port, address } = server.address() as AddressInfo;
    return { ok: true, server: { url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`, migration, close: () => stop(server, db, processes) } };
  } catch (error) {
    await db.close();
    throw error;
  }
}

function listen(handler: ReturnType<typeof createServer>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = answerClientErrors(handler.listen(port, host, () => resolve(server)));
    server.once('error', reject);
  });
}

async function stop(server: Server, db: Database, processes: ProcessRuntime): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await processes.stop();
  await db.close();
}
