import type { Locale } from '../i18n';
import { issueCatalogue, type IssueCode } from './catalogue';
import { show, type IssueDefinition, type IssueParams } from './define';

/** A problem found in metadata (or in a request): where it is, what was found, and what the code says. */
export interface Issue {
  readonly code: IssueCode;
  /** The file, relative to the app folder ("plugins/crm-core/entities/account.json"); "" when not tied to a file. */
  readonly file: string;
  /** A JSON pointer inside the file (RFC 6901); "" is the whole document. */
  readonly path: string;
  /** The offending value, when there is one. */
  readonly found?: unknown;
  readonly params: IssueParams;
}

/** An issue with its message and expectation written out in one language. */
export interface RenderedIssue extends Issue {
  readonly message: string;
  readonly expected?: string;
}

/** Creates an issue. */
export function issue(code: IssueCode, at: { file: string; path: string }, params: IssueParams = {}, found?: unknown): Issue {
  return found === undefined ? { code, file: at.file, path: at.path, params } : { code, file: at.file, path: at.path, params, found };
}

/** Writes an issue's message and expectation out in a language. */
export function renderIssue(item: Issue, locale: Locale = 'en'): RenderedIssue {
  const definition: IssueDefinition = issueCatalogue[item.code];
  const expected = definition.expected?.[locale](item.params);
  return { ...item, message: definition.message[locale](item.params), ...(expected === undefined ? {} : { expected }) };
}

/** One line per issue: "file /pointer: message (found x; expected y)". */
export function formatIssue(item: Issue, locale: Locale = 'en'): string {
  const r = renderIssue(item, locale);
  const where = `${r.file || '<app>'}${r.path ? ` ${r.path}` : ''}`;
  const zh = locale === 'zh-CN';
  const details = [
    r.found === undefined ? undefined : `${zh ? '实际' : 'found'} ${show(r.found)}`,
    r.expected === undefined ? undefined : `${zh ? '应为' : 'expected'} ${r.expected}`,
  ].filter(Boolean);
  return `${where}: ${r.message}${details.length ? (zh ? `（${details.join('；')}）` : ` (${details.join('; ')})`) : ''}`;
}

/** Orders issues by file, then pointer, then code, so reports read top to bottom. */
export function sortIssues(items: readonly Issue[]): Issue[] {
  return [...items].sort((a, b) => cmp(a.file, b.file) || cmp(a.path, b.path) || cmp(a.code, b.code));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An issue found inside a document before it is placed in a file: a pointer relative to what was checked. */
export interface LocalIssue {
  readonly code: IssueCode;
  readonly path: string;
  readonly params: IssueParams;
  readonly found?: unknown;
}

