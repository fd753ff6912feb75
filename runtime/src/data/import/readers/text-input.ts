import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import iconv from 'iconv-lite';

// Enough of a file to tell UTF-8 from GB18030, which Chinese Excel writes CSV in by default.
const SAMPLE_BYTES = 64 * 1024;

/** Whether bytes are UTF-8 (a character cut at the end of the sample does not count against it). */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return bytes.length === SAMPLE_BYTES && isUtf8(bytes.subarray(0, bytes.length - 3));
  }
}

/** A file's bytes counted as they are read (for progress). */
function counted(path: string, onBytes: (bytes: number) => void): Readable {
  let total = 0;
  return createReadStream(path).pipe(new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes((total += chunk.length));
      done(null, chunk);
    },
  }));
}

/**
 * A text file as UTF-8 text, decoded from GB18030 when it is not UTF-8 (a byte-order mark is left to the parser), with
 * its first line for sniffing.
 */
export async function textInput(path: string, onBytes: (bytes: number) => void): Promise<{ text: Readable; firstLine: string }> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SAMPLE_BYTES), 0, SAMPLE_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    const utf8 = isUtf8(sample);
    const firstLine = (utf8 ? sample.toString('utf-8') : iconv.decode(sample, 'gb18030')).split(/\r?\n/, 1)[0] ?? '';
    const bytes = counted(path, onBytes);
    return { text: utf8 ? bytes : (bytes.pipe(iconv.decodeStream('gb18030')) as unknown as Readable), firstLine };
  } finally {
    await handle.close();
  }
}

/** The delimiter a CSV file uses: whichever of comma, semicolon or tab its first line has most of. */
export function sniffDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}
