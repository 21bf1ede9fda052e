import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, type Registry } from 'prom-client';
import { CONSISTENCY_HEADER } from './consistency-header.js';
import type { GraphClock } from './graph-clock.js';

export interface ResponseCacheOptions {
  /** Answers kept, the least recently used dropped first. */
  maxEntries: number;
  /**
   * How long a graph version read from the database is trusted before it is read again. Writes
   * through this instance make it stale at once; those through another instance are seen within it.
   */
  versionTtlMs: number;
}

/** Lookups of every response cache of the process, for /metrics. */
const lookups = { hits: 0, misses: 0 };

/** Adds the response cache's hit and miss counters to a /metrics registry. */
export function registerResponseCacheMetrics(registry: Registry): void {
  new Counter({
    name: 'atlas_response_cache_hits_total',
    help: 'Query answers served from the in-memory response cache.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(lookups.hits);
    },
  });
  new Counter({
    name: 'atlas_response_cache_misses_total',
    help: 'Query answers looked up in the in-memory response cache and computed because it had none.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(lookups.misses);
    },
  });
}

/**
 * Every answer is a pure function of the graph's version and the request, so an answer cached
 * under the version it was computed at stays exact until the version moves; then every entry is
 * dropped at once.
 */
class VersionedAnswers implements Cache {
  private readonly answers = new Map<string, ExecutionResult>();
  private readonly firstMisses = new Set<string>();

  constructor(
    private readonly clock: GraphClock,
    private readonly options: ResponseCacheOptions,
  ) {
    clock.onMove(() => {
      this.answers.clear();
      this.firstMisses.clear();
    });
  }

  get(id: string): ExecutionResult | undefined {
    // The plugin also looks up whatever an If-None-Match says; only keys it built count as lookups.
    if (!this.clock.fresh || !id.startsWith(`${String(this.clock.known?.version)}:`)) return undefined;
    const answer = this.answers.get(id);
    if (answer) {
      // Most recently used last, so the oldest is the first key.
      this.answers.delete(id);
      this.answers.set(id, answer);
    }
    this.count(id, answer !== undefined);
    return answer;
  }

  set(id: string, data: ExecutionResult): void {
    // An answer computed while a write moved the version must not be kept under the new one.
    if (!this.clock.fresh || !id.startsWith(`${String(this.clock.known?.version)}:`)) return;
    this.answers.set(id, data);
    if (this.answers.size > this.options.maxEntries) this.answers.delete(this.answers.keys().next().value!);
  }

  invalidate(): void {
    this.answers.clear();
  }

  /**
   * A request that misses is looked up twice (Yoga's plugin when the parameters arrive, envelop's
   * before executing): the first miss of a key is held, the second counts, so a miss counts once.
   */
  private count(id: string, hit: boolean): void {
    if (hit) {
      lookups.hits++;
      this.firstMisses.delete(id);
    } else if (this.firstMisses.delete(id)) lookups.misses++;
    else this.firstMisses.add(id);
  }
}

/**
 * Caches whole answers of queries (never mutations) by graph version. The HTTP validators (ETag,
 * Last-Modified, 304) are http-cache.ts's, from the same clock, so they work with this cache off
 * too; the plugin's own (an unquoted ETag, the caching time as Last-Modified) are replaced there.
 * A request carrying a consistency token is always computed afresh: it asks for at least a given
 * write, which this instance may not have seen yet.
 */
export function useGraphVersionCache(clock: GraphClock, options: ResponseCacheOptions): Plugin {
  const answers = new VersionedAnswers(clock, options);
  return useResponseCache({
    session: () => null,
    cache: answers,
    // Entities are not tracked: any write changes the version, which replaces every answer.
    invalidateViaMutation: false,
    enabled: (request) => !request.headers.has(CONSISTENCY_HEADER),
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) => {
      const request = createHash('sha256')
        .update(JSON.stringify([documentString, variableValues ?? {}, operationName ?? null]))
        .digest('base64url');
      return `${String((await clock.current()).version)}:${request}`;
    },
  }) as Plugin;
}
