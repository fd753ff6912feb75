import type { Locale } from '@tessera/core';

/** Something wrong with the seed data: the file, a JSON pointer into it, a stable code and a message in one language. */
export interface SeedProblem {
  readonly file: string;
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

type Params = Readonly<Record<string, string>>;
type Text = Readonly<Record<Locale, (p: Params) => string>>;

/** The codes of seed-file problems, each with its message in every shipped language. */
const SEED_TEXTS = {
  'seed.json': {
    en: (p) => `not valid JSON: ${p.reason}`,
    'zh-CN': (p) => `不是有效的 JSON：${p.reason}`,
  },
  'seed.shape': {
    en: () => 'not a seed file (expected {"entity": "<entity name>", "records": [{...}, ...]})',
    'zh-CN': () => '不是种子数据文件（应为 {"entity": "<实体名>", "records": [{...}, ...]}）',
  },
  'seed.entity': {
    en: (p) => `the app has no entity "${p.entity}" (expected one of ${p.known})`,
    'zh-CN': (p) => `应用中没有实体 "${p.entity}"（应为以下之一：${p.known}）`,
  },
  'seed.owner': {
    en: (p) => `"$owner" must be the e-mail of a user in the database or created on the first start (found ${p.found})`,
    'zh-CN': (p) => `"$owner" 必须是数据库中或首次启动时创建的用户的电子邮箱（实际为 ${p.found}）`,
  },
  'seed.user': {
    en: (p) => `{"$user": e-mail} must name a user in the database or created on the first start (found ${p.found})`,
    'zh-CN': (p) => `{"$user": 电子邮箱} 必须指向数据库中或首次启动时创建的用户（实际为 ${p.found}）`,
  },
  'seed.record': {
    en: () => 'a record must be a JSON object',
    'zh-CN': () => '记录必须是 JSON 对象',
  },
  'seed.id': {
    en: (p) => `the record needs an "id" that is a UUID, by which seeding again finds it (found ${p.found})`,
    'zh-CN': (p) => `记录需要一个 UUID 格式的 "id"，再次导入时据此识别该记录（实际为 ${p.found}）`,
  },
  'seed.duplicate': {
    en: (p) => `the ${p.entity} id ${p.id} is also given at ${p.other}`,
    'zh-CN': (p) => `${p.entity} 的 id ${p.id} 在 ${p.other} 中也已使用`,
  },
  'seed.reference': {
    en: (p) => `refers to ${p.entity} ${p.id}, which is neither in the seed files nor in the database`,
    'zh-CN': (p) => `引用的 ${p.entity} ${p.id} 既不在种子数据中，也不在数据库中`,
  },
  'seed.cycle': {
    en: (p) => `the records refer to each other in a cycle (${p.cycle}), so none can be inserted first: leave one of these lookups empty`,
    'zh-CN': (p) => `记录之间循环引用（${p.cycle}），无法确定插入顺序：请将其中一个查找字段留空`,
  },
  'seed.unique': {
    en: (p) => `a record with these values already exists (a unique field or set of fields)${p.detail ? `: ${p.detail}` : ''}`,
    'zh-CN': (p) => `已存在具有相同值的记录（唯一字段或唯一字段组合）${p.detail ? `：${p.detail}` : ''}`,
  },
} satisfies Record<string, Text>;

/** A code of a seed-file problem. */
export type SeedCode = keyof typeof SEED_TEXTS;

/** A seed problem with its message written out in a language. */
export function seedProblem(code: SeedCode, at: { file: string; path: string }, locale: Locale, params: Params = {}): SeedProblem {
  const text: Text = SEED_TEXTS[code];
  return { file: at.file, path: at.path, code, message: text[locale](params) };
}

/** One line per problem, like validate's issues: "file /pointer: message [code]". */
export const formatSeedProblem = (p: SeedProblem): string => `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message} [${p.code}]`;
