import { defineMatchKey } from './match-key';
import { keepChars, lowerCase, nfkc, removeChars, rewrite, trimChars, type CodeRanges } from './text-steps';

/** Unicode white space, with the zero-width characters and the byte order mark that paste along with text. */
const WHITE_SPACE: CodeRanges = [
  [0x0009, 0x000D], [0x0020, 0x0020], [0x0085, 0x0085], [0x00A0, 0x00A0], [0x1680, 0x1680], [0x2000, 0x200D],
  [0x2028, 0x2029], [0x202F, 0x202F], [0x205F, 0x2060], [0x3000, 0x3000], [0xFEFF, 0xFEFF],
];

/**
 * What a text key drops once NFKC has made full-width forms ASCII: controls, white space, ASCII and Latin-1
 * punctuation and symbols, general and supplemental punctuation, and CJK punctuation (、。《》「」【】〔〕・), but not
 * the CJK marks that write words (々〆〇).
 */
const PUNCTUATION: CodeRanges = [
  [0x0001, 0x002F], [0x003A, 0x0040], [0x005B, 0x0060], [0x007B, 0x00BF], [0x00D7, 0x00D7], [0x00F7, 0x00F7],
  [0x1680, 0x1680], [0x2000, 0x206F], [0x2E00, 0x2E7F], [0x3000, 0x3004], [0x3008, 0x3020], [0x3030, 0x3030],
  [0x303D, 0x303F], [0x30FB, 0x30FB], [0xFE10, 0xFE1F], [0xFE30, 0xFE6F], [0xFEFF, 0xFEFF],
  [0xFF01, 0xFF0F], [0xFF1A, 0xFF20], [0xFF3B, 0xFF40], [0xFF5B, 0xFF65],
];

const DIGITS: CodeRanges = [[0x0030, 0x0039]];

/** Text: "ＡＢＣ 公司（北京）" and "abc公司北京" have one key. */
export const textMatchKey = defineMatchKey('tessera_match_text', [nfkc, ...lowerCase, removeChars(PUNCTUATION)]);

/** E-mail: trimmed and lower-cased. */
export const emailMatchKey = defineMatchKey('tessera_match_email', [trimChars(WHITE_SPACE), ...lowerCase]);

/**
 * Phone: digits only, and a mainland number after the country code +86 (0086, 86) as dialled at home: a mobile number
 * (1[3-9] and 9 digits) as it is, a fixed line with the 0 of its area code ("+86 571 8888 6666" is 057188886666).
 */
export const phoneMatchKey = defineMatchKey('tessera_match_phone', [
  nfkc, keepChars(DIGITS), rewrite('^(0086|86)(1[3-9][0-9]{9})$', '$2'), rewrite('^(0086|86)([1-9][0-9]{8,10})$', '0$2'),
]);
