import type { Plugin } from 'graphql-yoga';
import type { Database } from '../../db/database.js';
import { ReconcileInputError } from './errors.js';
import { extend, parseExtend, PROPERTY_SETTINGS, proposedProperties } from './extend.js';
import { PREVIEW_SIZE, previewHtml } from './preview.js';
import { MAX_QUERIES_PER_BATCH, parseQueries, reconcile } from './queries.js';
import { suggestEntities, suggestProperties, suggestTypes } from './suggest.js';
import { DEFAULT_TYPES, labelOf } from './types.js';

// The W3C Reconciliation Service API 0.2 at /reconcile (docs/reconciliation-service.md), so that
// OpenRefine matches a column of names to atlas keys and pulls figures into the sheet. OpenRefine
// calls it from its server (POST, form-encoded); older versions read the manifest as JSONP.

export const RECONCILE_PATH = '/reconcile';

/** Public, read-only data without credentials: any page may read it. */
export const RECONCILE_CORS = { origin: '*', credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type'], maxAge: 600 };

const JSONP_CALLBACK = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

function manifest(origin: string) {
  const base = `${origin}${RECONCILE_PATH}`;
  return {
    versions: ['0.2'],
    name: 'Compute Atlas',
    identifierSpace: `${origin}/?view=entity&key=`,
    schemaSpace: `${base}/schema`,
    documentation: `${origin}/docs/reconciliation-service.md`,
    view: { url: `${origin}/?view=entity&key={{id}}` },
    defaultTypes: DEFAULT_TYPES.map(({ id, name, description }) => ({ id, name, description })),
    preview: { url: `${base}/preview?id={{id}}`, ...PREVIEW_SIZE },
    suggest: {
      entity: { service_url: base, service_path: '/suggest/entity' },
      type: { service_url: base, service_path: '/suggest/type' },
      property: { service_url: base, service_path: '/suggest/property' },
    },
    extend: { propose_properties: { service_url: base, service_path: '/propose_properties' }, property_settings: PROPERTY_SETTINGS },
  };
}

/** The query string and, for a POST, the form body merged (OpenRefine posts `queries=...` form-encoded). */
async function parametersOf(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  if (request.method === 'POST') {
    for (const [name, value] of new URLSearchParams(await request.text())) params.set(name, value);
  }
  return params;
}

async function answer(
  db: Database,
  path: string,
  params: URLSearchParams,
  origin: string,
): Promise<{ status: number; body: unknown } | { status: number; html: string }> {
  switch (path) {
    case '': {
      const queries = params.get('queries');
      if (queries !== null) return { status: 200, body: await reconcile(db, parseQueries(queries)) };
      const extension = params.get('extend');
      if (extension !== null) return { status: 200, body: await extend(db, parseExtend(extension, MAX_QUERIES_PER_BATCH)) };
      return { status: 200, body: manifest(origin) };
    }
    case '/suggest/entity':
      return { status: 200, body: await suggestEntities(db, params) };
    case '/suggest/type':
      return { status: 200, body: suggestTypes(params) };
    case '/suggest/property':
      return { status: 200, body: suggestProperties(params) };
    case '/propose_properties': {
      const type = params.get('type');
      const label = type ? labelOf(type, 'type') : null;
      const limit = Number(params.get('limit')) || undefined;
      return { status: 200, body: { ...(label ? { type: label } : {}), ...(limit ? { limit } : {}), properties: proposedProperties(label).slice(0, limit) } };
    }
    case '/preview': {
      const id = params.get('id');
      if (!id) throw new ReconcileInputError('MISSING_PARAMETER', 'Preview needs an "id" parameter: an entity key.', { parameter: 'id' });
      const html = await previewHtml(db, id);
      return html
        ? { status: 200, html }
        : {
            status: 404,
            html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body>No entity has the key <code>${id.replace(/[&<>"']/g, '')}</code>.</body></html>`,
          };
    }
    default:
      return { status: 404, body: { errors: [{ message: `No reconciliation endpoint at ${RECONCILE_PATH}${path}.`, extensions: { code: 'NOT_FOUND' } }] } };
  }
}

export function useReconciliation(db: Database): Plugin {
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== RECONCILE_PATH && !url.pathname.startsWith(`${RECONCILE_PATH}/`)) return;
      const path = url.pathname.slice(RECONCILE_PATH.length).replace(/\/$/, '');
      const headers = { 'cache-control': 'no-cache' };
      if (request.method !== 'GET' && request.method !== 'POST') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { ...headers, allow: 'GET, POST' } }));
        return;
      }
      const params = await parametersOf(request, url);
      const callback = params.get('callback');
      let result: Awaited<ReturnType<typeof answer>>;
      try {
        if (callback !== null && !JSONP_CALLBACK.test(callback)) {
          throw new ReconcileInputError('BAD_CALLBACK', 'The JSONP "callback" must be a JavaScript name (letters, digits, _ and $, dotted).', {
            parameter: 'callback',
            value: callback,
          });
        }
        result = await answer(db, path, params, url.origin);
      } catch (error) {
        if (!(error instanceof ReconcileInputError)) throw error;
        result = { status: 400, body: error.body() };
      }
      if ('html' in result) {
        endResponse(
          new fetchAPI.Response(result.html, {
            status: result.status,
            headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
          }),
        );
        return;
      }
      const json = JSON.stringify(result.body);
      endResponse(
        callback !== null && result.status === 200
          ? new fetchAPI.Response(`/**/${callback}(${json});`, { status: 200, headers: { ...headers, 'content-type': 'text/javascript; charset=utf-8' } })
          : new fetchAPI.Response(json, { status: result.status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } }),
      );
    },
  };
}
