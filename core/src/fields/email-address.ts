import { fullFormats } from 'ajv-formats/dist/formats';

// RFC 5321's limit on a whole address.
const MAX_ADDRESS = 254;

/** Whether a text is an e-mail address as an e-mail field's schema ("format": "email") accepts one. */
export const isEmailAddress = (text: string): boolean => text.length <= MAX_ADDRESS && (fullFormats.email as RegExp).test(text);
