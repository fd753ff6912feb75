import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processAppFiles } from '../process-app';

/** Deals approved by their owner's manager then by finance (quorum 2 of 3), submitted before the stream starts. */
export const REVIEW_DEALS = 24;
/** Deals whose reviewer never answers: their task times out (PT2S) and approves itself. Submitted during the stream. */
export const ABSENT_DEALS = 10;
/** Deals whose reviewer answers after 1–3 s: the decision races the PT2S timeout. Submitted during the stream. */
export const RACE_DEALS = 6;
export const TIMEOUT_DEALS = ABSENT_DEALS + RACE_DEALS;

const setStatus = (id: string, status: string) => ({ id, type: 'action', action: 'update', set: { approvalStatus: status } });
const tell = { id: 'tell', type: 'action', action: 'notify', template: 'approval_result', to: 'submitter' };

/** This test's two processes: a two-step review with a quorum, and one approval that times out by itself. */
export const PROCESSES = {
  crash_review: {
    name: 'crash_review', label: { en: 'Crash review' }, entity: 'deal', trigger: { on: 'submit' }, entry: { discount: { $gt: 10 }, approvalStatus: 'draft' },
    nodes: [
      { id: 'mgr', type: 'approval', approvers: { manager: 'owner' }, mode: 'any' },
      { id: 'fin', type: 'approval', approvers: { role: 'finance' }, mode: 'quorum', quorum: 2 },
      setStatus('ok', 'approved'), setStatus('no', 'rejected'), tell,
    ],
    edges: [
      { from: 'start', to: 'mgr' }, { from: 'mgr', to: 'fin', on: 'approved' }, { from: 'mgr', to: 'no', on: 'rejected' },
      { from: 'fin', to: 'ok', on: 'approved' }, { from: 'fin', to: 'no', on: 'rejected' }, { from: 'ok', to: 'tell' }, { from: 'no', to: 'tell' },
    ],
    lockRecord: true,
  },
  // The entry condition holds only for a draft: a submit sent again after its first try finished answers 422, not a second instance.
  crash_timeout: {
    name: 'crash_timeout', label: { en: 'Crash timeout' }, entity: 'deal', trigger: { on: 'submit' }, entry: { discount: { $gt: 0, $lte: 10 }, approvalStatus: 'draft' },
    nodes: [
      { id: 'rev', type: 'approval', approvers: { field: 'reviewer' }, timeout: { after: 'PT2S', then: 'approve' } },
      setStatus('ok', 'approved'), setStatus('no', 'rejected'), tell,
    ],
    edges: [{ from: 'start', to: 'rev' }, { from: 'rev', to: 'ok', on: 'approved' }, { from: 'rev', to: 'no', on: 'rejected' }, { from: 'ok', to: 'tell' }, { from: 'no', to: 'tell' }],
    lockRecord: true,
  },
};

/** A user of the run: its roles, and the key of its manager. */
export interface CrashUser {
  readonly roles: string[];
  readonly manager?: string;
}

// Reps own deals, bosses approve their reps' deals, three finance users vote, `absent` never answers, `slow` answers late.
export const USERS: Record<string, CrashUser> = {
  boss1: { roles: ['manager'] }, boss2: { roles: ['manager'] },
  rep1: { roles: ['rep'], manager: 'boss1' }, rep2: { roles: ['rep'], manager: 'boss1' }, rep3: { roles: ['rep'], manager: 'boss2' }, rep4: { roles: ['rep'], manager: 'boss2' },
  fin1: { roles: ['finance'] }, fin2: { roles: ['finance'] }, fin3: { roles: ['finance'] },
  absent: { roles: ['rep'] }, slow: { roles: ['rep'] },
};
export const REPS = ['rep1', 'rep2', 'rep3', 'rep4'];
export const DECIDERS = ['boss1', 'boss2', 'fin1', 'fin2', 'fin3'];
export const PASSWORD = 'crash-pa55-word!';
/** The admin the server creates at its first start (TESSERA_ADMIN_*), who creates the users. */
export const ADMIN = { email: 'admin@example.com', password: 'admin-pa55-word!' };

/** A temporary folder holding the app and PGlite's data, both kept across the restarts. */
export interface WorkFolder {
  readonly appDir: string;
  readonly dataDir: string;
  remove(): Promise<void>;
}

/** Makes the work folder and writes the app into it: process-app.ts's entity, roles and templates, with only this test's processes. */
export async function openWorkFolder(): Promise<WorkFolder> {
  const work = await mkdtemp(path.join(tmpdir(), 'tessera-crash-'));
  const appDir = path.join(work, 'app');
  const files = Object.fromEntries(Object.entries(processAppFiles()).filter(([file]) => !file.startsWith('processes/')));
  for (const [name, p] of Object.entries(PROCESSES)) files[`processes/${name}.json`] = JSON.stringify(p);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(appDir, file)), { recursive: true });
    await writeFile(path.join(appDir, file), text);
  }
  return { appDir, dataDir: path.join(work, 'data'), remove: () => rm(work, { recursive: true, force: true }) };
}
