import { maxHeaderSize } from 'node:http';
import type { Refusal } from './raw-error-response.js';

/** What Node's HTTP parser reports on `clientError`: the llhttp code and the bytes it choked on. */
export interface ClientError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

/** A method token (RFC 9110 §9.1, tchar) at the start of a request line. */
const METHOD_TOKEN = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}) /;

/**
 * The answer to a request Node's parser refused before Koa saw it, or undefined when nobody is
 * left to answer (the client reset the connection). An unknown method is a 501, as RFC 9110 §9.1
 * asks of a method the server does not recognize; bytes that are not a request line at all are a 400.
 */
export function clientErrorRefusal(error: ClientError): Refusal | undefined {
  switch (error.code) {
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'headers_too_large', message: `The request line and headers exceed ${maxHeaderSize} bytes` };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'payload_too_large', message: 'The request body has chunk extensions that are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request_timeout', message: 'The request did not arrive in time' };
    case 'HPE_INVALID_METHOD': {
      const method = METHOD_TOKEN.exec(error.rawPacket?.toString('latin1') ?? '')?.[1];
      if (method !== undefined) return { status: 501, code: 'not_implemented', message: `Method ${method} is not implemented by this server` };
      return { status: 400, code: 'bad_request', message: 'Malformed HTTP request' };
    }
    default:
      return { status: 400, code: 'bad_request', message: 'Malformed HTTP request' };
  }
}
