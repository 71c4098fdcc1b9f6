import http, { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';

/**
 * The HTTP edge of every service (gateway and subgraphs): whatever goes wrong
 * before GraphQL runs (a body that is not JSON, too large, in a charset or
 * encoding we do not read; headers over node's limit) is answered as a GraphQL
 * error body with a code, never express's HTML page with a stack trace and the
 * files' absolute paths, in development as in production.
 */

/** Codes of refusals at the HTTP edge, beside the GraphQL codes of DEVELOPERS.md. */
const CODE_BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'the request body could not be read as JSON' },
  403: { code: 'BAD_REQUEST', message: 'the request body was refused' },
  408: { code: 'REQUEST_TIMEOUT', message: 'the request took too long to arrive' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than this service accepts' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the request body must be JSON in UTF-8, uncompressed or gzip/deflate/br' },
  431: { code: 'REQUEST_HEADER_FIELDS_TOO_LARGE', message: 'the request headers are larger than this service accepts' },
};

export function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/**
 * The last handler of an express app. body-parser's errors carry a 4xx status
 * (`entity.parse.failed` 400, `entity.too.large` 413, `charset.unsupported` and
 * `encoding.unsupported` 415, a broken gzip stream 400); anything else is ours and
 * is logged, and the caller sees only "Internal server error".
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = Number(error?.status ?? error?.statusCode);
    const known = status >= 400 && status < 500 ? (CODE_BY_STATUS[status] ?? CODE_BY_STATUS[400]) : undefined;
    if (known) {
      logger.debug({ status, type: error?.type }, 'refused an unreadable request');
      res.status(status).type('application/json').send(errorBody(known.code, known.message));
      return;
    }
    logger.error({ err: error }, 'internal error at the HTTP edge');
    res.status(500).type('application/json').send(errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
  };
}

/** Node's parser errors that mean "the client sent too much", by their code. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Requests node's HTTP parser refuses never reach express (headers over
 * `maxHeaderSize`, a malformed request line): node would answer 431 or 400 with an
 * empty body. This writes the same status with a JSON error body, raw on the
 * socket, as node's own handler does.
 */
export function answerClientErrorsAsJson(server: http.Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As node's own handler: nothing is written over a response already under way.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    const { code, message } = CODE_BY_STATUS[status] ?? { code: 'BAD_REQUEST', message: 'the request could not be read' };
    const body = errorBody(code, message);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

/**
 * An express app and its HTTP server with the edge rules every service keeps: no
 * `X-Powered-By` (it only tells a prober what to attack) and JSON answers to
 * requests node refuses. Register `jsonErrorHandler` after the routes.
 */
export function edgeServer(): { app: Express; httpServer: http.Server } {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  answerClientErrorsAsJson(httpServer);
  return { app, httpServer };
}
