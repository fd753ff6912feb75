#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Registry } from '@tessera/core';
import { EXIT, type Command, type CommandIo } from './command';
import { exportCommand } from './commands/export';
import { exportDataCommand } from './commands/export-data';
import { importCommand } from './commands/import';
import { migrateCommand } from './commands/migrate';
import { pluginCommand } from './commands/plugin';
import { seedCommand } from './commands/seed';
import { startCommand } from './commands/start';
import { typesCommand } from './commands/types';
import { validateCommand } from './commands/validate';

/** The CLI's commands, by name. */
export const commands = new Registry<string, Command>('command', [startCommand, validateCommand, migrateCommand, typesCommand, seedCommand, exportCommand, pluginCommand, exportDataCommand, importCommand].map((c) => [c.name, c] as const));

const consoleIo: CommandIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

/** Runs `tessera <command> [options]` and resolves to the exit code. */
export async function main(argv: string[], io: CommandIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find(name);
  if (!command) {
    io.err(`tessera: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`tessera ${name}: ${(error as Error).message}\nusage: ${command.usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out([command.summary, `usage: ${command.usage}`, ...(command.details ? ['', command.details] : [])].join('\n'));
    return EXIT.ok;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
}

function help(): string {
  const width = Math.max(...commands.keys().map((k) => k.length));
  return ['usage: tessera <command> [options]', '', 'commands:', ...commands.values().map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`tessera: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
