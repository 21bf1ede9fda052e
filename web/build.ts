import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as graphiql from '@graphql-yoga/render-graphiql/graphiql';
import { LABEL_COLOURS } from './src/lib/labels.js';
import { copyFonts } from './fonts.js';

const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** style.css first, then each view's and widget's own stylesheet next to its code, in path order. */
async function stylesheets(): Promise<string[]> {
  const entries = await readdir(here('src/'), { recursive: true, withFileTypes: true });
  const own = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.css') && entry.name !== 'style.css')
    .map((entry) => `${entry.parentPath}/${entry.name}`)
    .sort();
  return Promise.all([here('src/style.css'), ...own].map((file) => readFile(file, 'utf8')));
}

/**
 * Writes everything a browser loads into dist/web: the explorer bundle and GraphiQL split into
 * files. render-graphiql inlines its script, styles and workers into one page, which a
 * Content-Security-Policy of 'self' refuses; as separate files they need no exception.
 */
export async function buildWeb(): Promise<void> {
  // Built aside and swapped in, so a page being served (or a test run building at the same time)
  // never sees a half-written folder.
  const staging = `${WEB_DIST.replace(/\/$/, '')}.building-${process.pid}-${Date.now()}/`;
  await writeBundle(staging);
  for (let attempt = 1; ; attempt++) {
    const retired = `${WEB_DIST.replace(/\/$/, '')}.retired-${process.pid}-${Date.now()}-${attempt}`;
    await rename(WEB_DIST, retired).catch(() => undefined);
    try {
      await rename(staging, WEB_DIST);
      await rm(retired, { recursive: true, force: true });
      return;
    } catch (error) {
      // Another build swapped its folder in between our two renames: retire that one too.
      await rm(retired, { recursive: true, force: true });
      if (attempt === 5) throw error;
    }
  }
}

async function writeBundle(dir: string): Promise<void> {
  await mkdir(`${dir}assets/graphiql`, { recursive: true });
  await build({
    entryPoints: { explorer: here('src/main.ts'), 'graphiql/start': here('src/graphiql/start.ts') },
    outdir: `${dir}assets`,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    logLevel: 'warning',
  });
  await writeFile(`${dir}index.html`, await readFile(here('src/index.html')));
  // Label colours become classes, so pages colour by label without inline styles (which the policy refuses).
  const labelRules = Object.entries(LABEL_COLOURS).map(([label, colour]) => `.label-${label} { --label-colour: ${colour}; }`);
  const fontFaces = await copyFonts(dir);
  await writeFile(`${dir}assets/explorer.css`, `${fontFaces}\n${(await stylesheets()).join('\n')}\n${labelRules.join('\n')}\n`);
  const assets: Record<string, string | Buffer> = {
    'graphiql.js': graphiql.js,
    'graphiql.css': graphiql.css,
    'editor.worker.js': graphiql.editorWorkerService,
    'json.worker.js': graphiql.jsonWorker,
    'graphql.worker.js': graphiql.graphqlWorker,
    'favicon.ico': Buffer.from(graphiql.favicon.slice(graphiql.favicon.indexOf(',') + 1), 'base64'),
  };
  await Promise.all(Object.entries(assets).map(([name, body]) => writeFile(`${dir}assets/graphiql/${name}`, body)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildWeb();
  console.log(`[compute-atlas] explorer and GraphiQL built into dist/web in ${Date.now() - started} ms`);
}
