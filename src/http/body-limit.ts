import type { Plugin } from 'graphql-yoga';
import { clientError } from '../core/errors.js';

const CONTENT_LENGTH = /^\d+$/;

const tooLarge = () =>
  clientError('PAYLOAD_TOO_LARGE', 'The request body is larger than the limit (MAX_BODY_BYTES); send a smaller document or fewer variables.', {
    http: { status: 413 },
  });

/**
 * MAX_BODY_BYTES, in place of Yoga's `maxRequestBodySize`, which pipes every body through a
 * byte-counting stream even when its Content-Length is under the limit: on a one-name search that
 * pipe and its teardown were about 5 % of the server's CPU per request (bench/README.md, "Seventh
 * series"). Node's HTTP parser reads exactly Content-Length bytes of a body, so a length under the
 * limit needs no counting; only a body that does not say its length (chunked) is counted as it
 * arrives, and refused once it passes the limit.
 */
export function limitRequestBody(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!CONTENT_LENGTH.test(length)) {
          throw clientError('BAD_REQUEST', `The Content-Length header must be one number of bytes (got "${length}").`, { http: { status: 400 } });
        }
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((unsized) => {
        // A native stream (yoga.fetch in process) pipes only into a native TransformStream.
        const Transform = unsized.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        let bytes = 0;
        const counted = unsized.body!.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              bytes += chunk.byteLength;
              if (bytes > limit) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return parse(
          new fetchAPI.Request(unsized.url, {
            method: unsized.method,
            headers: unsized.headers,
            signal: unsized.signal,
            body: counted,
            duplex: 'half',
          } as RequestInit),
        );
      });
    },
  };
}
