import type { Request } from 'express';

/** The request's language from Accept-Language: Simplified Chinese for any zh tag, English otherwise. */
export function requestLocale(req: Request): 'en' | 'zh-CN' {
  const wanted = req.acceptsLanguages('zh-CN', 'zh', 'en');
  return typeof wanted === 'string' && wanted.startsWith('zh') ? 'zh-CN' : 'en';
}
