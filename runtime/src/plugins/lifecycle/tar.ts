/**
 * A minimal POSIX ustar writer and reader for plugin archives: regular files only, fixed owner and time, so one
 * folder always packs to the same bytes. (node-tar is only a dev dependency here; the format is small enough to own.)
 */

const BLOCK = 512;

/** A file in an archive: its POSIX path and its bytes. */
export interface TarEntry {
  readonly path: string;
  readonly data: Buffer;
}

/** Why bytes are not a tar archive this reader accepts. */
export class TarError extends Error {
  override readonly name = 'TarError';
  /** The entry at fault, when there is one. */
  constructor(message: string, readonly path?: string) {
    super(message);
  }
}

/** Writes entries as a ustar archive (not compressed). A path longer than ustar allows is refused. */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry.path, entry.data.length), entry.data);
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** Reads a ustar archive's regular files; directories are skipped, any other entry type (links, devices) is refused. */
export function readTar(buffer: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let offset = 0; offset + BLOCK <= buffer.length;) {
    const block = buffer.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) return entries;
    if (octal(block, 148, 8) !== checksum(block)) throw new TarError(`the header at byte ${offset} is damaged (checksum)`);
    const name = text(block, 0, 100);
    const prefix = text(block, 345, 155);
    const path = prefix ? `${prefix}/${name}` : name;
    const size = octal(block, 124, 12);
    const type = String.fromCharCode(block[156]!);
    const start = offset + BLOCK;
    if (start + size > buffer.length) throw new TarError(`${path} is cut short`);
    if (type === '0' || type === '\0') entries.push({ path, data: Buffer.from(buffer.subarray(start, start + size)) });
    else if (type !== '5') throw new TarError(`${path} is not a regular file (tar type "${type}")`);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarError('the archive has no end marker (it is cut short)');
}

function header(path: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const [prefix, name] = splitPath(path);
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, 0o644, 100, 8);
  writeOctal(block, 0, 108, 8);
  writeOctal(block, 0, 116, 8);
  writeOctal(block, size, 124, 12);
  writeOctal(block, 0, 136, 12);
  block.write('0', 156, 'latin1');
  block.write('ustar\u000000', 257, 'latin1');
  block.write(prefix, 345, 155, 'utf8');
  writeOctal(block, checksum(block), 148, 8);
  return block;
}

// ustar keeps 100 bytes of name and 155 of prefix, split at a slash.
function splitPath(path: string): [string, string] {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  throw new TarError(`${path} is too long for a tar archive (at most 100 bytes after a folder part of at most 155)`, path);
}

// The checksum counts the checksum field itself as eight spaces.
function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum;
}

function writeOctal(block: Buffer, value: number, at: number, length: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, at, length, 'latin1');
}

function octal(block: Buffer, at: number, length: number): number {
  const digits = text(block, at, length).trim();
  if (!/^[0-7]*$/.test(digits)) throw new TarError(`a header field holds "${digits}", not an octal number`);
  return digits ? parseInt(digits, 8) : 0;
}

function text(block: Buffer, at: number, length: number): string {
  const field = block.subarray(at, at + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}
