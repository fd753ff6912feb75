type Task = () => Promise<void>;

const tasks: Task[] = [];

/** Registers something to undo at the end of the run, whether it ends well, fails, or is interrupted. */
export function onTeardown(task: Task): void {
  tasks.push(task);
}

/** Runs every registered task once, newest first; a failing task is reported and does not stop the others. */
export async function teardown(): Promise<void> {
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    await task().catch((error: unknown) => process.stderr.write(`bench: teardown: ${String(error)}\n`));
  }
}

/** On Ctrl-C or SIGTERM, tears down and exits; a second signal exits at once. */
export function teardownOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping what was started\n`);
      process.once(signal, () => process.exit(code));
      void teardown().finally(() => process.exit(code));
    });
  }
}
