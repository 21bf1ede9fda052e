import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { StaticAssets } from './static-assets.js';

const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Nothing but this origin: every script, style, font and worker comes from the service. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL's editor (Monaco) and its React UI write <style> elements at run time and embed their
 * icon fonts as data: URLs, so its page alone also allows those; scripts stay 'self' only.
 */
const GRAPHIQL_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
  "font-src 'self'",
  "font-src 'self' data:",
);

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Compute Atlas</title>
<p>The explorer is not built. <code>npm start</code> builds it; or run <code>npm run build:web</code>.</p>`;

function filePath(pathname: string): string | null {
  if (pathname === '/' || pathname === '/explore') return 'index.html';
  if (!pathname.startsWith('/assets/')) return null;
  const relative = path.posix.normalize(decodeURIComponent(pathname)).slice(1);
  // normalize() resolves "..", so anything that still starts with assets/ stays inside it.
  return relative.startsWith('assets/') ? relative : null;
}

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Not found · Compute Atlas</title>
    <link rel="stylesheet" href="/assets/explorer.css" />
  </head>
  <body class="not-found-page">
    <main id="main">
      <h1>Page not found</h1>
      <p>Nothing is served at this address. The explorer keeps each view in its query string, as in <code>/?view=entity&amp;key=bytedance</code>.</p>
      <p lang="zh">找不到此页面。</p>
      <ul>
        <li><a href="/">Compute Atlas explorer</a> · <a href="/?lang=zh" lang="zh">浏览器首页</a></li>
        <li><a href="/graphql">GraphQL API (GraphiQL)</a></li>
      </ul>
    </main>
  </body>
</html>
`;

/**
 * What an unknown address answers: a page linking home for a browser (which would otherwise show
 * its own error page), JSON for an API client that asks for it, plain text for anything else.
 */
function notFound(request: Request, pathname: string, fetchAPI: { Response: typeof Response }): Response {
  const accept = request.headers.get('accept') ?? '';
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  const [body, type] = accept.includes('text/html')
    ? [NOT_FOUND_PAGE, CONTENT_TYPES['.html']!]
    : accept.includes('application/json')
      ? [`${JSON.stringify({ error: 'not found', path: pathname, explorer: '/', api: '/graphql' })}\n`, 'application/json; charset=utf-8']
      : [`Not found: ${pathname}. The explorer is at /, the API at /graphql.\n`, 'text/plain; charset=utf-8'];
  return new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 404, headers: { ...headers, 'content-type': type } });
}

/**
 * Serves the explorer (`/`, `/explore`) and the files both pages load (`/assets/...`) from
 * dist/web, compressed and validated (static-assets.ts), inside Yoga so that `app.fetch` in tests reaches them like a browser does; gives
 * Yoga's bodiless 404s a body.
 */
export function useExplorer(dir = WEB_DIST): Plugin {
  const assets = new StaticAssets();
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const file = filePath(url.pathname);
      if (!file) return;
      const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
      const answer = await assets.respond(path.join(dir, file), request, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', headers, fetchAPI);
      if (answer) {
        endResponse(answer);
        return;
      }
      const missingPage = file === 'index.html';
      endResponse(
        new fetchAPI.Response(missingPage ? NOT_BUILT : 'Not found', {
          status: missingPage ? 503 : 404,
          headers: { ...headers, 'content-type': missingPage ? CONTENT_TYPES['.html']! : 'text/plain; charset=utf-8' },
        }),
      );
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status === 404 && !response.headers.has('content-type') && (request.method === 'GET' || request.method === 'HEAD')) {
        setResponse(notFound(request, new URL(request.url).pathname, fetchAPI));
        return;
      }
      if (request.method === 'GET' && response.headers.get('content-type')?.startsWith('text/html') && !response.headers.has('content-security-policy')) {
        response.headers.set('content-security-policy', GRAPHIQL_CONTENT_SECURITY_POLICY);
      }
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GraphiQL's page: its options travel as a JSON data block (not a script, so the policy allows
 * it) read by start.js, which points Monaco at the worker files before graphiql.js loads.
 */
export function renderGraphiQLPage(options: GraphiQLOptions = {}): string {
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="/assets/graphiql/favicon.ico" />
    <link rel="stylesheet" href="/assets/graphiql/graphiql.css" />
    <link rel="stylesheet" href="/assets/explorer.css" />
  </head>
  <body class="graphiql-page">
    <a class="to-explorer" href="/">← Compute Atlas explorer</a>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${json}</script>
    <script src="/assets/graphiql/start.js"></script>
    <script src="/assets/graphiql/graphiql.js"></script>
  </body>
</html>
`;
}
