/** Turns full-width digits and signs (typed with a Chinese input method) into their ASCII forms. */
export const toHalfWidth = (text: string): string =>
  text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** Reads a whole number strictly: digits with an optional sign, nothing else, within the safe integer range. */
export function parseInteger(raw: string): number | undefined {
  const text = toHalfWidth(raw.trim());
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

const DECIMAL = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?$/i;

/** Reads a decimal as spreadsheets write it: thousands separators, currency signs (¥ ￥ $ € £), full-width digits. */
export function parseDecimal(raw: string): number | undefined {
  const text = toHalfWidth(raw.trim()).replace(/[¥￥$€£\s]/g, '');
  if (!/\d/.test(text) || !DECIMAL.test(text)) return undefined;
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}
