import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

// What Node finds wrong before express sees a request (headers too large, malformed HTTP), answered as problem+json.
const STATUS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request line or headers are too large.'],
};
const BAD_REQUEST: [number, string, string] = [400, 'Bad Request', 'The request is not valid HTTP.'];

/**
 * Makes a server answer requests Node refuses before express (a 100 KB URL, malformed HTTP) with a problem+json body
 * like every other error, instead of Node's bare status line; a reset connection is simply closed.
 */
export function answerClientErrors(server: Server): Server {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] = STATUS[error.code ?? ''] ?? BAD_REQUEST;
    const body = JSON.stringify({ type: 'about:blank', title, status, detail, code: status === 431 ? 'request.too-large' : 'request.malformed' });
    socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
