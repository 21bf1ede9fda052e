import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { notModified } from './validators.js';

const compressors = {
  br: (body: Buffer) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body: Buffer) => promisify(gzip)(body, { level: 9 }),
};
type Coding = keyof typeof compressors;

/** Formats that are compressed already (fonts, images) gain nothing from a second pass. */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml|image\/x-icon)/;

interface Asset {
  body: Buffer;
  /** Identifies the file's bytes: the same content keeps its ETag across restarts and instances. */
  hash: string;
  modified: Date;
  stamp: string;
  compressible: boolean;
  encoded: Partial<Record<Coding, Promise<Buffer>>>;
}

/**
 * The coding to send (RFC 9110 §12.5.3): brotli, else gzip, when the client accepts it with a
 * non-zero weight (`*` included); identity otherwise.
 */
export function chooseCoding(acceptEncoding: string | null): Coding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name) weights.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((coding) => weight(coding) > 0) ?? null;
}

/**
 * The explorer's and GraphiQL's files, read once per version of each file and compressed once per
 * coding asked for (then kept): every later request costs a stat and a lookup.
 */
export class StaticAssets {
  private readonly assets = new Map<string, Promise<Asset>>();

  /** The file's response, or null when there is no such file. */
  async respond(
    file: string,
    request: Request,
    type: string,
    headers: Record<string, string>,
    { Response }: { Response: typeof globalThis.Response },
  ): Promise<Response | null> {
    const asset = await this.load(file, type);
    if (!asset) return null;
    const coding = asset.compressible ? chooseCoding(request.headers.get('accept-encoding')) : null;
    // Each coding is a representation of its own with an ETag of its own (RFC 9110 §8.8.3).
    const etag = `"${asset.hash}${coding ? `-${coding}` : ''}"`;
    const validators: Record<string, string> = {
      etag,
      'last-modified': asset.modified.toUTCString(),
      // The names carry no content hash (the build writes explorer.js, graphiql.js), so a cache
      // may keep them but must ask first; a 304 costs one round trip and no body.
      'cache-control': 'no-cache',
      ...(asset.compressible ? { vary: 'Accept-Encoding' } : {}),
    };
    if (notModified(request.headers, etag, asset.modified)) return new Response(null, { status: 304, headers: { ...headers, ...validators } });
    let body = asset.body;
    if (coding) {
      asset.encoded[coding] ??= compressors[coding](asset.body);
      body = await asset.encoded[coding];
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      headers: {
        ...headers,
        ...validators,
        'content-type': type,
        'content-length': String(body.length),
        ...(coding ? { 'content-encoding': coding } : {}),
      },
    });
  }

  private async load(file: string, type: string): Promise<Asset | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
      if (!info.isFile()) return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
    // A rebuild while the service runs replaces the file: its new size or time loads it again.
    const stamp = `${info.size}:${info.mtimeMs}`;
    const known = await this.assets.get(file);
    if (known?.stamp === stamp) return known;
    const loading = readFile(file).then((body) => ({
      body,
      hash: createHash('sha256').update(body).digest('base64url').slice(0, 27),
      modified: info.mtime,
      stamp,
      compressible: COMPRESSIBLE.test(type),
      encoded: {},
    }));
    this.assets.set(file, loading);
    return loading;
  }
}
