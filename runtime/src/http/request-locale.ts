import type { Request } from 'express';

/** The request's language from Accept-Language: Simplified Chinese for any zh tag, English otherwise. */
export function requestLocale(req: Request): 'en' | 'zh-CN' {
  // English first: without an Accept-Language header, accepts() answers with the first language offered.
  const wanted = req.acceptsLanguages('en', 'zh-CN', 'zh');
  return typeof wanted === 'string' && wanted.startsWith('zh') ? 'zh-CN' : 'en';
}
