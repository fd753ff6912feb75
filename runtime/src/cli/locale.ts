import { isLocale, type Locale } from '@tessera/core';
import type { CommandIo } from './command';

/** The --locale option, or undefined (after saying why) when it is not a shipped language. */
export function readLocale(values: Record<string, string | boolean | undefined>, io: CommandIo): Locale | undefined {
  const locale = String(values.locale ?? 'en');
  if (isLocale(locale)) return locale;
  io.err(`unknown locale "${locale}": use en or zh-CN`);
  return undefined;
}
