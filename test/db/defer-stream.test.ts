import { describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../helpers.js';

/** The JSON bodies of a multipart/mixed GraphQL response, in order. */
async function multipartParts(response: Response): Promise<Record<string, any>[]> {
  const body = await response.text();
  return body
    .split(/\r\n---/)
    .map((part) => {
      const blank = part.indexOf('\r\n\r\n');
      return blank < 0 ? '' : part.slice(blank + 4).trim();
    })
    .filter((json) => json.startsWith('{'))
    .map((json) => JSON.parse(json) as Record<string, any>);
}

describe('@defer and @stream (multipart/mixed)', () => {
  const t = useTestApp();

  async function multipart(query: string): Promise<{ response: Response; parts: Record<string, any>[] }> {
    const response = await t.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query }),
    });
    return { response, parts: await multipartParts(response) };
  }

  it('@defer sends the initial payload first and the deferred fragment after it', async () => {
    const { response, parts } = await multipart('{ company(key: "nvidia") { key ... @defer { chips { relation } } } }');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    expect(parts.length).toBeGreaterThanOrEqual(2);

    const [initial, ...rest] = parts;
    expect(initial!.errors).toBeUndefined();
    expect(initial!.data).toEqual({ company: { key: 'nvidia' } });
    expect(initial!.hasNext).toBe(true);

    const deferred = rest.flatMap((p) => p.incremental ?? []);
    expect(deferred).toHaveLength(1);
    expect(deferred[0].path).toEqual(['company']);
    expect(deferred[0].errors).toBeUndefined();
    expect(Array.isArray(deferred[0].data.chips)).toBe(true);
    expect(parts.at(-1)!.hasNext).toBe(false);

    // The same query without @defer answers the same chips in one JSON payload.
    const plain = await execute(t.app, '{ company(key: "nvidia") { key chips { relation } } }');
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.company.chips).toEqual(deferred[0].data.chips);
  });

  it('@defer delivers a non-empty deferred list (a buyer of chips)', async () => {
    const { parts } = await multipart('{ company(key: "bytedance") { key ... @defer { chips { relation } } } }');
    expect(parts[0]!.data).toEqual({ company: { key: 'bytedance' } });
    expect(parts[0]!.hasNext).toBe(true);
    const chips = parts.slice(1).flatMap((p) => p.incremental ?? [])[0].data.chips as { relation: string }[];
    expect(chips.length).toBeGreaterThan(0);
    for (const c of chips) expect(['BUYS', 'DEPENDS_ON']).toContain(c.relation);
  });

  it('@stream sends the first initialCount items, then the rest as incremental items', async () => {
    const plain = await execute(t.app, '{ exposure(chip: "h20") { company { key } } }');
    expect(plain.errors).toBeUndefined();
    const all = plain.data!.exposure as { company: { key: string } }[];
    expect(all.length).toBeGreaterThan(1);

    const { response, parts } = await multipart('{ exposure(chip: "h20") @stream(initialCount: 1) { company { key } } }');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    const [initial, ...rest] = parts;
    expect(initial!.errors).toBeUndefined();
    expect(initial!.hasNext).toBe(true);
    expect(initial!.data.exposure).toEqual(all.slice(0, 1));

    const streamed = rest.flatMap((p) => p.incremental ?? []).flatMap((i: { items?: unknown[] }) => i.items ?? []);
    expect([...initial!.data.exposure, ...streamed]).toEqual(all);
    expect(parts.at(-1)!.hasNext).toBe(false);
  });

  it('a client that accepts only JSON cannot get an incremental answer', async () => {
    const response = await t.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ company(key: "nvidia") { key ... @defer { chips { relation } } } }' }),
    });
    expect(response.status).toBe(406);
  });
});
