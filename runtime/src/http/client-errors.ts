import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, problemBody } from './problem';

// What Node finds wrong before express sees a request (headers too large); anything else is malformed HTTP.
const HEADER_OVERFLOW = problem(431, { code: 'request.too-large', detail: 'The request line or headers are too large.' });
const MALFORMED = problem(400, { code: 'request.malformed', detail: 'The request is not valid HTTP.' });

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
    const p = error.code === 'HPE_HEADER_OVERFLOW' ? HEADER_OVERFLOW : MALFORMED;
    const body = problemBody(p);
    socket.end(`HTTP/1.1 ${p.status} ${STATUS_CODES[p.status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
