import path from 'node:path';
import { formatIssue } from '@tessera/core';
import { formatPlan } from '../../migrator/format-plan';
import { startServer } from '../../start/start-server';
import { readLocale } from '../locale';
import { EXIT, type Command } from '../command';
import { databaseTarget } from '../database-target';

/** `tessera start`: serves the app's API, after migrating safe changes; refuses to start over a destructive one. */
export const startCommand: Command = {
  name: 'start',
  summary: 'Serve the app (migrating safe changes first) on PGlite or DATABASE_URL',
  usage: 'tessera start [--app DIR] [--port N] [--host ADDRESS] [--data DIR] [--locale en|zh-CN]',
  options: { app: { type: 'string', default: '.' }, port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, data: { type: 'string' }, locale: { type: 'string', default: 'en' } },
  async run(values, _positionals, io) {
    const locale = readLocale(values, io);
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    if (!locale || !Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`usage: ${startCommand.usage}`);
      return EXIT.usage;
    }
    const appDir = path.resolve(String(values.app));
    const data = values.data === undefined ? undefined : String(values.data);
    const started = await startServer({
      appDir, port, host: String(values.host), database: databaseTarget(appDir, data),
      onGeneratedPassword: ({ email, password }) => io.out(`First start: created the administrator ${email} with the password ${password} (shown once; change it after logging in).`),
      onFirstStartUsers: (users) => {
        for (const u of users) io.out(`First start: created ${u.email} (${u.roles.join(', ')}) with the password ${u.password} (shown once).`);
      },
    });
    if (!started.ok) {
      const f = started.failure;
      if (f.reason === 'invalid') for (const item of f.issues) io.err(formatIssue(item, locale));
      else if (f.reason === 'plugin' || f.reason === 'firstStart') io.err(`Not started: ${f.message}`);
      else {
        io.err(formatPlan(f.result.plan, locale));
        io.err(f.result.reason === 'blocked'
          ? '\nNot started: the migration is blocked by the data (see BLOCKED above). Nothing was changed.'
          : `\nNot started: the migration has destructive steps. Nothing was changed. Review them, then run:\n  tessera migrate --app ${values.app}${data ? ` --data ${data}` : ''} --allow-destructive`);
      }
      return EXIT.invalid;
    }
    const { server } = started;
    if (server.migration.status === 'applied') io.out(`Migrated the database (${server.migration.plan.steps.length} steps).`);
    io.out(`Tessera is serving ${path.basename(appDir)} at ${server.url} (API under /api; GET /api/health)`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
