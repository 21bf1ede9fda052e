import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_DATA_DIR } from '../../../src/ingest/seed.js';
import { readTranslations } from '../../../src/text/translations.js';
import { execute, useTestApp } from '../../helpers.js';
import { ARTICLE, seedItems } from './seed-files.js';

// The article as a source (its title, author, year and language, and how it is cited) and the
// translations of its sentences.

const t = useTestApp();

describe('the article as a source', () => {
  it('carries the title and author of the public repost, the year its text fixes, and the language it was published in', async () => {
    const source = (await seedItems()).find(({ item }) => item.key === ARTICLE)!.item;
    expect(source).toMatchObject({ title: '中美科技巨头算力投资对比', authors: ['吴俊宇'], publishedOn: '2025', language: 'zh-Hans', kind: 'ARTICLE' });
    expect(source.publisher).toMatch(/Caijing/);
    // The year only: the text states no month or day (review 2, N8).
    expect(source.note).toMatch(/year only/);
  });

  it('is cited with its year, as a magazine article, in simplified Chinese (review 2, N8)', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ entity(key: "${ARTICLE}") { ... on Source { text: citation bibtex: citation(style: BIBTEX) csl: citation(style: CSL_JSON) } } }`,
    );
    expect(errors).toBeUndefined();
    const { text, bibtex, csl } = data!.entity;
    expect(text).toMatch(/Caijing \(《财经》\), 2025\.$/);
    expect(text).not.toContain('n.d.');
    expect(bibtex).toMatch(/^@article\{/);
    expect(bibtex).toContain('journal = {Caijing (《财经》)}');
    expect(bibtex).toContain('year = {2025}');
    expect(JSON.parse(csl)).toMatchObject({ type: 'article-magazine', issued: { 'date-parts': [[2025]] }, language: 'zh-Hans' });
  });
});

describe('translations (review 2, N6)', () => {
  it('give each sentence one translation, and refuse a sentence two files translate', async () => {
    expect(readdirSync(path.join(SEED_DATA_DIR, '..', 'translations')).filter((name) => name.endsWith('.json'))).toEqual(['evidence-en.json']);
    const dir = await mkdtemp(path.join(tmpdir(), 'translations-'));
    try {
      await writeFile(path.join(dir, 'a.json'), JSON.stringify({ 'A sentence.': 'One wording.' }));
      await writeFile(path.join(dir, 'b.json'), JSON.stringify({ 'A sentence.': 'Another wording.' }));
      expect(() => readTranslations(dir)).toThrow(/"A sentence\." is translated in both .*a\.json and .*b\.json/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serve the corrected wording: Stargate was announced the day after Trump took office', async () => {
    const { data, errors } = await execute(t.app, '{ entity(key: "stargate") { ... on Policy { effects { relation target { key } evidenceEn } } } }');
    expect(errors).toBeUndefined();
    const issued = data!.entity.effects.find((e: any) => e.relation === 'ISSUED_BY' && e.target.key === 'donald-trump');
    expect(issued.evidenceEn).toContain('the day after taking office');
    expect(issued.evidenceEn).not.toContain('second day');
  });
});
