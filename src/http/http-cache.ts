import { createHash } from 'node:crypto';
import { type DefinitionNode, Kind, OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import { CONSISTENCY_HEADER } from './consistency-header.js';
import { GraphClock } from './graph-clock.js';
import { useGraphVersionCache, type ResponseCacheOptions } from './response-cache.js';
import { notModified } from './validators.js';

/**
 * Everything that changes a GET answer besides the graph: the media type (JSON, GraphQL response
 * JSON, an event stream), the key (scopes decide what a mutation may do, and a cache shared by
 * several users must not hand one user's answer to another) and the consistency token.
 */
const VARY = `Accept, Authorization, ${CONSISTENCY_HEADER}`;

/**
 * GET answers may be stored but must be revalidated on every use (`no-cache`, RFC 9111 §5.2.2.4):
 * an answer stays right only until the next write, which no freshness lifetime can predict, and a
 * revalidation costs a 304 without a body. POST answers (mutations, and queries sent by POST) are
 * `no-store`: RFC 9111 caches can't reuse them by URL anyway, and a mutation's answer is one event.
 */
const REVALIDATE = 'no-cache';
const DO_NOT_STORE = 'no-store';

const ANSWER_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * The validators of one GET request: a strong ETag naming the graph version and the request (its
 * query string and the headers in Vary), and the version's commit time as Last-Modified.
 */
function validatorsOf(request: Request, url: URL, version: string | null, at: Date | null): { etag: string; lastModified: string | null } {
  const requestHash = createHash('sha256')
    .update(JSON.stringify([url.search, request.headers.get('accept'), request.headers.get('authorization')]))
    .digest('base64url')
    .slice(0, 22);
  return { etag: `"${version ?? 'empty'}.${requestHash}"`, lastModified: at ? at.toUTCString() : null };
}

/**
 * HTTP caching of /graphql (RFC 9110 §8.8, §13; RFC 9111): the validators come from the graph
 * version, read through a clock shared with the in-memory response cache, so a 304 is answered
 * before anything is executed and works with the cache off too (then the version is read for
 * every GET: no staleness without a cache). Returns the plugins in the order they must run.
 */
export function httpCachePlugins(db: Database, responseCache: ResponseCacheOptions | false, graphqlEndpoint = '/graphql'): Plugin[] {
  const clock = new GraphClock(db, responseCache ? responseCache.versionTtlMs : 0);
  const validated = new WeakMap<Request, { etag: string; lastModified: string | null; epoch: number }>();
  const plugin: Plugin = {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== graphqlEndpoint || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      // A consistency token asks for a write this instance may not know yet: never answered 304.
      if (request.headers.has(CONSISTENCY_HEADER)) return;
      const { version, at } = await clock.current();
      const validators = validatorsOf(request, url, version, at);
      validated.set(request, { ...validators, epoch: clock.epoch });
      if (!notModified(request.headers, validators.etag, at)) return;
      const headers: Record<string, string> = { etag: validators.etag, 'cache-control': REVALIDATE, vary: VARY };
      if (validators.lastModified) headers['last-modified'] = validators.lastModified;
      endResponse(new fetchAPI.Response(null, { status: 304, headers }));
    },
    onExecute({ args }) {
      const mutation = args.document.definitions.some(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.MUTATION,
      );
      // Committed by now: a version read while the write was in flight must not be trusted.
      return mutation ? { onExecuteDone: () => clock.invalidate() } : undefined;
    },
    onResponse({ request, response }) {
      if (new URL(request.url).pathname !== graphqlEndpoint || response.status === 304) return;
      // The response cache's own validators (unquoted, the caching time) are not these.
      response.headers.delete('etag');
      response.headers.delete('last-modified');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.headers.set('cache-control', DO_NOT_STORE);
        return;
      }
      response.headers.set('cache-control', REVALIDATE);
      response.headers.set('vary', VARY);
      const validators = validated.get(request);
      const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
      if (!validators || response.status !== 200 || !ANSWER_TYPES.includes(type)) return;
      // An answer computed while a write of this instance landed may hold either version's data.
      if (clock.epoch !== validators.epoch) return;
      response.headers.set('etag', validators.etag);
      if (validators.lastModified) response.headers.set('last-modified', validators.lastModified);
    },
  };
  return [plugin, ...(responseCache ? [useGraphVersionCache(clock, responseCache)] : [])];
}
