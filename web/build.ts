import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as graphiql from '@graphql-yoga/render-graphiql/graphiql';
import { LABEL_COLOURS } from './src/lib/labels.js';

const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Writes everything a browser loads into dist/web: the explorer bundle and GraphiQL split into
 * files. render-graphiql inlines its script, styles and workers into one page, which a
 * Content-Security-Policy of 'self' refuses; as separate files they need no exception.
 */
export async function buildWeb(): Promise<void> {
  await rm(WEB_DIST, { recursive: true, force: true });
  await mkdir(`${WEB_DIST}assets/graphiql`, { recursive: true });
  await build({
    entryPoints: { explorer: here('src/main.ts'), 'graphiql/start': here('src/graphiql/start.ts') },
    outdir: `${WEB_DIST}assets`,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    logLevel: 'warning',
  });
  await writeFile(`${WEB_DIST}index.html`, await readFile(here('src/index.html')));
  // Label colours become classes, so pages colour by label without inline styles (which the policy refuses).
  const labelRules = Object.entries(LABEL_COLOURS).map(([label, colour]) => `.label-${label} { --label-colour: ${colour}; }`);
  await writeFile(`${WEB_DIST}assets/explorer.css`, `${await readFile(here('src/style.css'), 'utf8')}\n${labelRules.join('\n')}\n`);
  const assets: Record<string, string | Buffer> = {
    'graphiql.js': graphiql.js,
    'graphiql.css': graphiql.css,
    'editor.worker.js': graphiql.editorWorkerService,
    'json.worker.js': graphiql.jsonWorker,
    'graphql.worker.js': graphiql.graphqlWorker,
    'favicon.ico': Buffer.from(graphiql.favicon.slice(graphiql.favicon.indexOf(',') + 1), 'base64'),
  };
  await Promise.all(Object.entries(assets).map(([name, body]) => writeFile(`${WEB_DIST}assets/graphiql/${name}`, body)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildWeb();
  console.log(`[compute-atlas] explorer and GraphiQL built into dist/web in ${Date.now() - started} ms`);
}
