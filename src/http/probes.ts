import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import { DatabaseUnavailableError } from '../db/errors.js';
import { graphVersion } from '../graph/history.js';

// /health and /ready for whoever watches them: a supervisor reads the status code, a person
// running curl reads the JSON body, which says what state the service and its database are in.

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

const json = (fetchAPI: { Response: typeof Response }, status: number, body: unknown) =>
  new fetchAPI.Response(`${JSON.stringify(body)}\n`, { status, headers: JSON_HEADERS });

/**
 * `/ready`: 200 once Neo4j answers, with the graph version it serves; 503 with the reason when it
 * does not (an embedded Neo4j being restarted, or the driver's account of an unreachable server).
 */
export function readinessCheck(db: Database) {
  return async ({ fetchAPI }: { fetchAPI: { Response: typeof Response } }): Promise<Response> => {
    try {
      const version = await graphVersion(db);
      return json(fetchAPI, 200, { status: 'ready', ready: true, database: 'up', graphVersion: version });
    } catch (error) {
      const reason = error instanceof DatabaseUnavailableError ? error.message : 'Neo4j does not answer';
      return json(fetchAPI, 503, { status: 'unavailable', ready: false, database: 'down', reason });
    }
  };
}

/**
 * `/health` is Yoga's (the process is up), which answers with an empty body; this gives it one,
 * saying also whether the database is up right now (which /health does not depend on: /ready does).
 */
export function useHealthBody(db: Database): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (new URL(request.url).pathname !== '/health' || response.status !== 200 || response.headers.has('content-type')) return;
      const reason = db.unavailableReason();
      setResponse(json(fetchAPI, 200, { status: 'ok', healthy: true, database: reason ? 'down' : 'up', ...(reason ? { reason } : {}) }));
    },
  };
}
