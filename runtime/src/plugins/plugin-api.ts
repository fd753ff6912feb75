import type { I18N } from '@tessera/metadata';
import type { Row } from '../db/statement';
import type { RecordWrite } from '../records/hooks';
import type { SearchHit } from '../search/search';

export type { SearchHit } from '../search/search';

/**
 * Records as a plugin's code reads and writes them, in the transaction of what called it: through the records layer,
 * so validation, rules, history, duplicate checks and process triggers apply as to any write.
 */
export interface PluginRecords {
  get(entity: string, id: string): Promise<Row>;
  /** Records matching a condition (the list filter language), at most `limit` (default 500). */
  list(entity: string, filter?: Readonly<Record<string, unknown>>, options?: { readonly sort?: string; readonly limit?: number }): Promise<Row[]>;
  create(entity: string, body: Row): Promise<Row>;
  update(entity: string, id: string, changes: Row): Promise<Row>;
  delete(entity: string, id: string): Promise<void>;
  /** Ranked hits of a text search over the entities' searchable fields, as GET /api/search finds them (default 10). */
  search(q: string, options?: { readonly entities?: readonly string[]; readonly limit?: number }): Promise<readonly SearchHit[]>;
}

/** Records a save handler may read: it runs before the write's checks, where nothing may be written yet. */
export type PluginReadRecords = Pick<PluginRecords, 'get' | 'list' | 'search'>;

/** A record about to be created or updated, before its checks; the handler answers values it takes besides the body's. */
export interface SaveEvent {
  readonly entity: string;
  readonly action: 'create' | 'update';
  /** The record as it will be stored (defaults, the body, system fields; on update, merged with what was stored). */
  readonly record: Row;
  /** The record as stored, on update. */
  readonly before?: Row;
  readonly userId: string | null;
  /** Records as the system, to read only. */
  readonly records: PluginReadRecords;
}

/** A message to users from one of the app's templates, in each one's language, in the app and by e-mail. */
export interface PluginNotice {
  /** User ids; inactive users and ids of no user are left out. */
  readonly to: readonly string[];
  readonly template: string;
  /** The record it is about: the template gets it as `record` (with its `title` and entity label `entity`). */
  readonly about?: { readonly entity: string; readonly id: string };
  /** More template data, next to `record` and `recipient`. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The same key never tells the same user twice (a retried run, a replayed write). */
  readonly key: string;
}

/** Sends a notice inside the caller's transaction: a rollback takes it back. */
export type PluginNotify = (notice: PluginNotice) => Promise<void>;

/** An e-mail to an outside address (a contact, not a user) from one of the app's templates. */
export interface PluginMail {
  readonly to: string;
  /** The first line it renders is the subject; the rest is the body, sent as text and as HTML. */
  readonly template: string;
  /** The language of the template to use; the app's default when missing or not one of the app's. */
  readonly locale?: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The same key never mails twice (a retried run, a second click). */
  readonly key: string;
  /** An absolute http(s) URL that unsubscribes the recipient in one click (a signed link): sent as List-Unsubscribe. */
  readonly unsubscribeUrl?: string;
}

/**
 * Queues an e-mail inside the caller's transaction (a rollback takes it back): answers true when it was queued now,
 * false when e-mail is not configured or its key was queued before. An address that is not one throws.
 */
export type PluginMailer = (mail: PluginMail) => Promise<boolean>;

/**
 * The full URL of one of the plugin's own signed links (api.link) carrying a payload: the server's signature covers
 * the plugin, the link's name and the payload, so none can be changed by whoever holds the URL.
 */
export type PluginLinkUrl = (name: string, payload: Readonly<Record<string, string>>) => Promise<string>;

/** How plugin code tells users, mails outside addresses and makes signed links, in its transaction. */
export interface PluginMessaging {
  readonly notify: PluginNotify;
  readonly mail: PluginMailer;
  readonly linkUrl: PluginLinkUrl;
}

/** A record write a plugin is told of, inside the write's transaction; what it does there commits or fails with it. */
export interface WriteEvent extends RecordWrite, PluginMessaging {
  /** Records as the system (every field, no row rules): for derived values such as a quote's totals. */
  readonly records: PluginRecords;
}

/** A call of a record action: the record, the request body, and records as the caller (their roles apply) and as the system. */
export interface ActionCall extends PluginMessaging {
  readonly entity: string;
  readonly record: Row;
  readonly body: unknown;
  readonly userId: string | null;
  readonly locale: string;
  readonly records: PluginRecords;
  readonly system: PluginRecords;
}

/** An action on one record (POST /api/records/:entity/:id/actions/:name), run in one transaction. */
export interface RecordActionDefinition {
  readonly label: I18N;
  /** What the caller must be allowed on the record: update (the default) or read. */
  readonly requires?: 'read' | 'update';
  run(call: ActionCall): Promise<unknown>;
}

/** A run of a plugin's schedule: one transaction, records as the system; a failed run is rolled back and retried. */
export interface ScheduleRun extends PluginMessaging {
  /** When the run started (the engine's clock: tests move it). */
  readonly now: Date;
  /** The date of `now` in UTC, YYYY-MM-DD (cron times are UTC too). */
  readonly today: string;
  readonly records: PluginRecords;
}

/** Plugin code run on a cron schedule, once per tick across all the app's servers. */
export interface ScheduleDefinition {
  readonly label: I18N;
  /** Five cron fields, in UTC: "0 1 * * *" is every day at 09:00 Beijing time. */
  readonly cron: string;
  run(run: ScheduleRun): Promise<void>;
}

/** A click on one of a plugin's signed links: what was signed into it, records as the system, the reader's language. */
export interface LinkCall {
  readonly payload: Readonly<Record<string, string>>;
  readonly records: PluginRecords;
  readonly notify: PluginNotify;
  /** 'zh-CN' when the reader's browser prefers Chinese, else 'en'. */
  readonly locale: string;
}

/**
 * An action anyone holding a URL the server signed may run without signing in (GET or POST
 * /api/links/<plugin>/<name>/<token>): an unsubscribe link in an e-mail. Mail scanners may open links too, so make it
 * harmless to run twice.
 */
export interface LinkDefinition {
  /** The title of the page answered. */
  readonly label: I18N;
  /** Runs in one transaction; answers the message the page shows. A PluginError shows its message instead (422). */
  run(call: LinkCall): Promise<I18N>;
}

/** What plugin code may know of the app it runs in. */
export interface PluginApp {
  readonly name: string;
  readonly label: I18N;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** Whether a template of the name can be rendered (one of the app's, or a built-in one). */
  hasTemplate(name: string): boolean;
}

/** What a plugin's code module is given to register with: the only way plugin code reaches the runtime. */
export interface PluginApi {
  /** The plugin registering. */
  readonly plugin: string;
  readonly app: PluginApp;
  /** Runs `handler` after every write of the entity, in the write's transaction. */
  onWrite(entity: string, handler: (event: WriteEvent) => Promise<void>): void;
  /**
   * Runs `handler` before each create and update of the entity is checked: the values it answers are set on the record
   * and checked with it (validation, rules, row conditions), as if the body had them; answer nothing to leave it.
   */
  beforeSave(entity: string, handler: (event: SaveEvent) => Promise<Row | undefined | void>): void;
  /** Adds an action to the entity's records. */
  recordAction(entity: string, name: string, action: RecordActionDefinition): void;
  /** Runs code on a cron schedule (reminders, expiries, care rules). */
  schedule(name: string, schedule: ScheduleDefinition): void;
  /** Adds a signed link: linkUrl(name, payload) makes its URLs, which run it without a login. */
  link(name: string, link: LinkDefinition): void;
}

/** A plugin's code module (the manifest's "hooks" file): it exports register. */
export interface PluginModule {
  register(api: PluginApi): void;
}

/** A refusal a plugin's code throws: answered 422 with its message (in the caller's language when given both). */
export class PluginError extends Error {
  override readonly name = 'PluginError';

  constructor(readonly messages: I18N, readonly path = '') {
    super(messages.en ?? Object.values(messages)[0] ?? 'refused');
  }
}

/**
 * Whether a thrown value is a plugin's refusal. Told by its shape, not instanceof: a plugin may load its own copy of
 * this module (a package under its node_modules, or the built one while the runtime runs from source).
 */
export const isPluginError = (error: unknown): error is PluginError =>
  error instanceof Error && error.name === 'PluginError' && typeof (error as PluginError).messages === 'object';
