import type { Locale } from '@tessera/core';
import type { CommandIo } from '../command';

/** One subcommand of `tessera plugin`: the options it takes (of the command's), its arguments and what it does. */
export interface PluginSubcommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** The `tessera plugin` options this subcommand accepts; any other is a usage error. */
  readonly options: readonly string[];
  run(values: Record<string, string | boolean | undefined>, argument: string, locale: Locale, io: CommandIo): Promise<number>;
}
