import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import { graphVersion } from '../graph/history.js';
import { CONSISTENCY_HEADER } from './consistency-header.js';

export interface ResponseCacheOptions {
  /** Answers kept, the least recently used dropped first. */
  maxEntries: number;
  /**
   * How long a graph version read from the database is trusted before it is read again. Writes
   * through this instance make it stale at once; those through another instance are seen within it.
   */
  versionTtlMs: number;
}

/**
 * The graph version as this instance knows it. Every answer is a pure function of the graph's
 * version and the request, so an answer cached under the version it was computed at stays exact
 * until the version moves; then every entry is dropped at once.
 */
class VersionedAnswers implements Cache {
  private readonly answers = new Map<string, ExecutionResult>();
  private version: string | null | undefined;
  private readAt = 0;
  private reading: Promise<string> | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: ResponseCacheOptions,
  ) {
    // A statement this service writes may move the version: no answer (nor ETag) is trusted until
    // the version has been read again.
    db.onQuery((event) => {
      if (event.mode !== 'WRITE') return;
      this.readAt = 0;
      this.answers.clear();
    });
  }

  /** The current version, read again once it is older than versionTtlMs. */
  async current(): Promise<string> {
    if (this.version !== undefined && Date.now() - this.readAt < this.options.versionTtlMs) return String(this.version);
    this.reading ??= graphVersion(this.db)
      .then((version) => {
        if (version !== this.version) this.answers.clear();
        this.version = version;
        this.readAt = Date.now();
        return String(version);
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  get(id: string): ExecutionResult | undefined {
    // An If-None-Match is answered before any key is built: only while the version is fresh.
    if (Date.now() - this.readAt >= this.options.versionTtlMs) return undefined;
    const answer = this.answers.get(id);
    if (answer) {
      // Most recently used last, so the oldest is the first key.
      this.answers.delete(id);
      this.answers.set(id, answer);
    }
    return answer;
  }

  set(id: string, data: ExecutionResult): void {
    // An answer computed while a write moved the version must not be kept under the new one.
    if (!id.startsWith(`${String(this.version)}:`)) return;
    this.answers.set(id, data);
    if (this.answers.size > this.options.maxEntries) this.answers.delete(this.answers.keys().next().value!);
  }

  invalidate(): void {
    this.answers.clear();
  }
}

/**
 * Caches whole answers of queries (never mutations) by graph version, with an ETag so a client
 * that sends If-None-Match gets 304 until a write changes the graph. A request carrying a
 * consistency token is always computed afresh: it asks for at least a given write, which this
 * instance may not have seen yet.
 */
export function useGraphVersionCache(db: Database, options: ResponseCacheOptions): Plugin {
  const answers = new VersionedAnswers(db, options);
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
      return `${await answers.current()}:${request}`;
    },
  }) as Plugin;
}
