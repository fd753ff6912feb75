import path from 'node:path';
import ts from 'typescript';
import { runCli } from './support/run-cli';

const run = runCli;

describe('tessera types', () => {
  it('declares every entity of the quickstart as an interface that type-checks', async () => {
    const r = await run('types', '--app', path.resolve(__dirname, '../../examples/quickstart'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/export interface Deal \{/);
    expect(r.out).toMatch(/export interface Company \{/);
    expect(r.out).toMatch(/stage\?: "prospecting" \| "proposal" \| "won" \| "lost" \| null;/);
    expect(r.out).toMatch(/ {2}name: string;/);
    expect(r.out).toMatch(/ {2}readonly id: string;|\bid: string;/);
    const use = `${r.out}\nconst d: Deal = { id: 'x', version: 1, createdAt: '', updatedAt: '', name: 'n', company: 'c' } as Deal;\nconst bad: Deal['stage'] = 'closed';\n`;
    const diagnostics = typeCheck(use);
    expect(diagnostics).toEqual([expect.stringMatching(/"closed"/)]);
  });
});

/** Type-checks a source text in memory and returns the diagnostics' messages. */
function typeCheck(source: string): string[] {
  const file = 'types.ts';
  const host = ts.createCompilerHost({ strict: true, noEmit: true });
  const read = host.getSourceFile;
  host.getSourceFile = (name, version) => (name === file ? ts.createSourceFile(file, source, version) : read(name, version));
  const program = ts.createProgram([file], { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'] }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
