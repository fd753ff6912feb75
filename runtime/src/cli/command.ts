/** Exit codes of every command (DESIGN.md §5): 0 ok, 1 invalid input with a readable report, 2 usage. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Where a command writes: stdout and stderr, swappable in tests. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

/** One CLI command: its options (node:util parseArgs style), its help text, and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** More of --help after the usage line: formats and conventions a user needs. */
  readonly details?: string;
  readonly options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: CommandIo): Promise<number>;
}
