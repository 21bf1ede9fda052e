import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useExplorer } from '../../src/http/explorer.js';
import { chooseCoding } from '../../src/http/static-assets.js';
import { schema } from '../../src/schema/index.js';

// The explorer's static files: compressed once per coding, validated by a strong ETag of their
// bytes and by their modification time, revalidated on every use.

let dir: string;
let yoga: ReturnType<typeof createYoga>;
const SCRIPT = Buffer.from(`${'export const atlas = "compute atlas 算力图谱";\n'.repeat(2_000)}`);
const FONT = Buffer.from([0x77, 0x4f, 0x46, 0x32, ...Array.from({ length: 512 }, (_, i) => (i * 37) % 256)]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-static-'));
  await mkdir(path.join(dir, 'assets/fonts'), { recursive: true });
  await writeFile(path.join(dir, 'assets/explorer.js'), SCRIPT);
  await writeFile(path.join(dir, 'assets/fonts/text.woff2'), FONT);
  yoga = createYoga({ schema, plugins: [useExplorer(dir)] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (file: string, headers: Record<string, string> = {}) => yoga.fetch(`http://atlas.test/assets/${file}`, { headers });

describe('static assets', () => {
  it('send brotli, gzip or identity by Accept-Encoding, each decompressing to the file, with Vary', async () => {
    const br = await get('explorer.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(SCRIPT.length / 10);
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length);
    expect(brotliDecompressSync(brBytes).equals(SCRIPT)).toBe(true);

    const gz = await get('explorer.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(SCRIPT)).toBe(true);

    const identity = await get('explorer.js');
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await identity.arrayBuffer()).equals(SCRIPT)).toBe(true);

    for (const answer of [br, gz, identity]) {
      expect(answer.headers.get('vary')).toBe('Accept-Encoding');
      expect(answer.headers.get('cache-control')).toBe('no-cache');
      expect(answer.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(answer.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+(-br|-gzip)?"$/);
    }
    // Each coding is a representation with a tag of its own.
    expect(new Set([br, gz, identity].map((a) => a.headers.get('etag'))).size).toBe(3);
  });

  it('leave fonts uncompressed', async () => {
    const font = await get('fonts/text.woff2', { 'accept-encoding': 'br, gzip' });
    expect(font.headers.get('content-encoding')).toBeNull();
    expect(font.headers.get('vary')).toBeNull();
    expect(Buffer.from(await font.arrayBuffer()).equals(FONT)).toBe(true);
  });

  it('answer 304 to If-None-Match (weak, list, *) and If-Modified-Since, with the validators and no body', async () => {
    const first = await get('explorer.js', { 'accept-encoding': 'br' });
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const conditions: Record<string, string>[] = [
      { 'if-none-match': etag },
      { 'if-none-match': `W/${etag}` },
      { 'if-none-match': `"x", ${etag}` },
      { 'if-none-match': '*' },
      { 'if-modified-since': lastModified },
    ];
    for (const headers of conditions) {
      const answer = await get('explorer.js', { 'accept-encoding': 'br', ...headers });
      expect(answer.status, JSON.stringify(headers)).toBe(304);
      expect(await answer.text()).toBe('');
      expect(answer.headers.get('etag')).toBe(etag);
      expect(answer.headers.get('vary')).toBe('Accept-Encoding');
    }
    // The br tag does not validate the gzip representation; an older date does not either.
    expect((await get('explorer.js', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
    const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get('explorer.js', { 'if-modified-since': older })).status).toBe(200);
  });

  it('serve a rebuilt file with its new bytes and a new ETag', async () => {
    const before = (await get('explorer.js')).headers.get('etag');
    const rebuilt = Buffer.from(`${SCRIPT.toString()}// rebuilt\n`);
    await writeFile(path.join(dir, 'assets/explorer.js'), rebuilt);
    const after = await get('explorer.js', { 'accept-encoding': 'gzip' });
    expect(after.headers.get('etag')).not.toBe(before);
    expect(gunzipSync(Buffer.from(await after.arrayBuffer())).equals(rebuilt)).toBe(true);
  });

  it('choose codings by weight', () => {
    expect(chooseCoding('gzip;q=1.0, br;q=0.0')).toBe('gzip');
    expect(chooseCoding('*')).toBe('br');
    expect(chooseCoding('identity')).toBeNull();
    expect(chooseCoding(null)).toBeNull();
  });
});
