import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

// npm run bench:explorer -- [--url http://127.0.0.1:4000] [--runs 15] [--key bytedance]
// Against a running service: the size of what the explorer's entity page downloads (raw and gzip),
// and the time from navigation to the entity page's first render (its heading and links drawn), in
// a fresh Chromium context each run so nothing comes from the browser cache.

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4000' },
    runs: { type: 'string', default: '15' },
    key: { type: 'string', default: 'bytedance' },
  },
});
const base = values.url!.replace(/\/$/, '');
const runs = Number(values.runs);
const page = `${base}/?view=entity&key=${encodeURIComponent(values.key!)}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const timings: number[] = [];
const assets = new Map<string, Buffer>();
try {
  for (let run = 0; run < runs + 1; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tab = await context.newPage();
    tab.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/assets/') && !assets.has(url.pathname)) assets.set(url.pathname, await response.body().catch(() => Buffer.alloc(0)));
    });
    await tab.goto(page, { waitUntil: 'commit' });
    // The page has rendered once the entity's heading and its first link group are on screen.
    const rendered = await tab.waitForFunction(
      () => document.querySelector('main h1') && document.querySelector('main .link-group') && performance.now(),
      undefined,
      {
        timeout: 30_000,
        polling: 'raf',
      },
    );
    const ms = (await rendered.jsonValue()) as number;
    if (run > 0) timings.push(ms); // the first run warms the service's plan cache
    await context.close();
  }
} finally {
  await browser.close();
}

timings.sort((a, b) => a - b);
const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
let raw = 0;
let gzip = 0;
for (const [path, body] of [...assets].sort()) {
  const zipped = gzipSync(body).length;
  raw += body.length;
  gzip += zipped;
  console.log(`  ${path}: ${kb(body.length)} (gzip ${kb(zipped)})`);
}
console.log(`assets of the entity page: ${kb(raw)} (gzip ${kb(gzip)})`);
console.log(`first render of ${page}: median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${timings[0]!.toFixed(0)} ms over ${runs} cold loads`);
console.log(`load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
