import type { AppModel, TemplateModel } from '@tessera/core';
import { BUILTIN_TEMPLATES } from './builtin';
import { templateEngine, type RenderData } from './helpers';

/** A template that is missing or fails to render: a mistake in the app's templates, not in the code calling them. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** A message rendered for one reader: the subject and body as plain text, and the body as HTML (escaped). */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

// 'html' escapes interpolated values (the default, for anything shown as markup); 'text' leaves them as they are, for
// places that are not markup (an e-mail's subject and text part, a notification the UI shows as text), where
// escaping would print "A&amp;B".
type Mode = 'html' | 'text';
type Compiled = (data: Record<string, unknown>, options: { data: RenderData }) => string;

// Compiled per (app hash, template, source, mode); the app's hash changes with its templates, so entries never go
// stale, but a long-running server that reloads many models would keep old ones: the cache is bounded, oldest out.
const MAX_CACHED = 500;
const cache = new Map<string, Compiled>();

/** The template of a name: the app's, else the built-in one; neither is an error naming it. */
function templateOf(app: AppModel, name: string): { template: TemplateModel; owner: string } {
  if (Object.hasOwn(app.templates, name)) return { template: app.templates[name]!, owner: app.hash };
  if (Object.hasOwn(BUILTIN_TEMPLATES, name)) return { template: BUILTIN_TEMPLATES[name]!, owner: 'builtin' };
  const known = [...new Set([...Object.keys(app.templates), ...Object.keys(BUILTIN_TEMPLATES)])].sort();
  throw new TemplateError(`no template "${name}": the app has none of that name and none is built in (known: ${known.join(', ')})`);
}

/** The source for a locale: the locale's own, its language's, else the default. */
function sourceKey(template: TemplateModel, locale: string): string {
  const candidates = [locale, locale.split('-')[0]!, 'default'];
  const key = candidates.find((k) => Object.hasOwn(template.sources, k)) ?? Object.keys(template.sources)[0];
  if (key === undefined) throw new TemplateError(`template "${template.name}" has no source`);
  return key;
}

function compiled(app: AppModel, name: string, locale: string, mode: Mode): Compiled {
  const { template, owner } = templateOf(app, name);
  const key = sourceKey(template, locale);
  const id = `${owner}\u0000${name}\u0000${key}\u0000${mode}`;
  let fn = cache.get(id);
  if (fn) {
    cache.delete(id);
  } else {
    const compiledFn = templateEngine.compile(template.sources[key]!, { strict: false, noEscape: mode === 'text' });
    fn = (data, options) => {
      try {
        return compiledFn(data, options);
      } catch (error) {
        throw new TemplateError(`template "${name}" (${template.file}, ${key}) failed: ${(error as Error).message}`, { cause: error });
      }
    };
  }
  cache.set(id, fn);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return fn;
}

/** Splits a rendered template: the first line is the subject, the rest (blank lines around it dropped) the body. */
function split(output: string): { subject: string; body: string } {
  const newline = output.indexOf('\n');
  if (newline < 0) return { subject: output.trim(), body: '' };
  return { subject: output.slice(0, newline).trim(), body: output.slice(newline + 1).replace(/^\s*\n/, '').trimEnd() };
}

const render = (app: AppModel, name: string, locale: string, data: Record<string, unknown>, mode: Mode) =>
  split(compiled(app, name, locale, mode)(data, { data: { locale } }));

/** Renders a template: the first line is the subject, the rest the body. Falls back to the template's "default" source. */
export function renderTemplate(app: AppModel, name: string, locale: string, data: Record<string, unknown>): { subject: string; body: string } {
  return render(app, name, locale, data, 'html');
}

/** Renders a whole template as text, nothing escaped and no subject line taken off (a webhook's JSON body, with {{json x}}). */
export function renderText(app: AppModel, name: string, locale: string, data: Record<string, unknown>): string {
  return compiled(app, name, locale, 'text')(data, { data: { locale } });
}

/** Renders a template for a reader: subject and body as plain text, and the body as escaped HTML (line breaks kept). */
export function renderMessage(app: AppModel, name: string, locale: string, data: Record<string, unknown>): RenderedMessage {
  const text = render(app, name, locale, data, 'text');
  const html = render(app, name, locale, data, 'html').body;
  return { subject: text.subject, text: text.body, html: html.replace(/\r?\n/g, '<br>\n') };
}
