import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

type Step = () => Promise<void>;

/**
 * The file side of a plugin change, undoable: each write or move remembers how to put things back. A change ends
 * with commit (backups and replaced copies go) or rollback (everything as it was, newest change first).
 */
export class FileChanges {
  private undo: Step[] = [];
  private onCommit: Step[] = [];

  /** Writes a text file, remembering what it held (or that it did not exist). */
  async write(file: string, text: string): Promise<void> {
    const before = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const created = await mkdir(path.dirname(file), { recursive: true });
    this.undo.push(async () => {
      if (before === undefined) await rm(file, { force: true });
      else await writeFile(file, before);
      if (created) await rm(created, { recursive: true, force: true });
    });
    await writeFile(file, text);
  }

  /** Writes files (by POSIX path) into a folder that does not exist yet; rollback removes the folder. */
  async writeTree(dir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
    if (existsSync(dir)) throw new Error(`${dir} exists already`);
    const created = await mkdir(dir, { recursive: true });
    this.undo.push(() => rm(created ?? dir, { recursive: true, force: true }));
    for (const [file, data] of files) {
      const target = path.join(dir, ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
  }

  /** Moves a folder; one already at the destination is moved aside first and removed on commit. */
  async move(from: string, to: string): Promise<void> {
    if (existsSync(to)) {
      const aside = `${to}.replaced-${process.pid}-${Date.now()}`;
      await this.move(to, aside);
      this.discardOnCommit(aside);
    }
    const created = await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
    this.undo.push(async () => {
      await rename(to, from);
      if (created) await rm(created, { recursive: true, force: true });
    });
  }

  /** Removes a folder once the change commits (a backup, a replaced copy); rollback keeps it. */
  discardOnCommit(dir: string): void {
    this.onCommit.push(() => rm(dir, { recursive: true, force: true }));
  }

  /** Keeps the changes and removes what was only kept in case of a rollback. */
  async commit(): Promise<void> {
    const steps = this.onCommit;
    this.onCommit = [];
    this.undo = [];
    for (const step of steps) await step();
  }

  /** Puts every file and folder back as it was, newest change first; reports what could not be put back. */
  async rollback(): Promise<void> {
    const steps = this.undo.reverse();
    this.undo = [];
    this.onCommit = [];
    const failed: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failed.push(error));
    if (failed.length) throw new AggregateError(failed, `${failed.length} file change(s) could not be undone`);
  }
}
