import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { execute } from '../../helpers.js';
import { atlas, open, PHONE, screenshot, seriousViolations, testApp, useExplorer } from './browser.js';

// Every fact in the reader's language (issue 21, item 1): English evidence with the original a
// click away, simplified evidence and translated words in 中文, no raw identifiers on screen,
// numbers with separators, and Chinese drawn with the served font on a machine without CJK fonts.

useExplorer();

const IDENTIFIER = /[A-Z]{2,}_[A-Z]/;
const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

describe('the reader’s language', () => {
  it('shows the English translation of each sentence, the original one click away', async () => {
    const { data } = await execute<{
      entity: { financials: { metric: string; period: string; evidenceSentences: string[]; evidenceSentencesEn: string[] }[] };
    }>(testApp(), '{ entity(key: "bytedance") { financials(metric: CAPEX, period: "2024") { metric period evidenceSentences evidenceSentencesEn } } }');
    const figure = data!.entity.financials[0]!;
    const { page, problems } = await open('/?view=entity&key=bytedance');
    const capex = page.locator('.period[data-period="2024"] li[data-metric=CAPEX]').first();
    await capex.locator('summary').first().click();
    const sentence = capex.locator('.evidence .sentence').first();
    expect(await sentence.locator('.translation').textContent()).toBe(figure.evidenceSentencesEn[0]);
    expect(await sentence.locator('.translation').isVisible()).toBe(true);
    const original = sentence.locator('blockquote');
    expect(await original.isVisible()).toBe(false);
    await sentence.getByRole('button', { name: 'Original' }).click();
    expect(await original.isVisible()).toBe(true);
    expect(await original.textContent()).toBe(figure.evidenceSentences[0]);
    // Numbers with thousands separators, enum values in words.
    expect(await page.locator('li[data-metric=CHIP_PURCHASES] .figure-value').first().textContent()).toBe('230,000 units');
    expect(await page.locator('.link-group[data-type=HEADQUARTERED_IN] h3').textContent()).toBe('Headquartered in');
    expect(await visibleText(page)).not.toMatch(IDENTIFIER);
    expect(await visibleText(page)).not.toContain('(jié)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'language-entity-bytedance-en');
    expect(problems).toEqual([]);
  });

  it('in 中文 shows simplified evidence and translates labels, enum values and relation names', async () => {
    const { data } = await execute<{ entity: { financials: { evidenceSentences: string[] }[] } }>(
      testApp(),
      '{ entity(key: "bytedance") { financials(metric: CAPEX, period: "2024") { evidenceSentences(script: SIMPLIFIED) } } }',
    );
    const { page, problems } = await open('/?view=entity&key=bytedance&lang=zh');
    const capex = page.locator('.period[data-period="2024"] li[data-metric=CAPEX]').first();
    await capex.locator('summary').first().click();
    expect(await capex.locator('.evidence blockquote').first().textContent()).toBe(data!.entity.financials[0]!.evidenceSentences[0]);
    expect(await capex.locator('.evidence .translation').count()).toBe(0);
    expect(await page.locator('.label-pill').textContent()).toBe('公司');
    expect(await page.locator('.link-group[data-type=HEADQUARTERED_IN] h3').textContent()).toBe('总部位于');
    expect(await page.locator('.entity-properties dd').nth(1).textContent()).toBe('互联网平台');
    expect(await capex.locator('.metric').textContent()).toBe('资本开支');
    expect(await visibleText(page)).not.toMatch(IDENTIFIER);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'language-entity-bytedance-zh');
    expect(problems).toEqual([]);
  });

  it('leaves no raw identifier on the entity and figures pages in either language, desktop and phone', async () => {
    for (const lang of ['en', 'zh']) {
      for (const path of [
        '/?view=entity&key=h20',
        '/?view=entity&key=china',
        '/?view=figures&metric=CAPEX&period=2024',
        '/?view=figures&metric=CAPEX&period=2025',
      ]) {
        const { page, problems } = await open(`${path}${lang === 'zh' ? '&lang=zh' : ''}`, PHONE);
        await page.locator('.entity-page, .figures-extra[data-ready]').first().waitFor();
        expect(await visibleText(page), `${path} ${lang}`).not.toMatch(IDENTIFIER);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} ${lang} fits`).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        if (path.includes('h20')) await screenshot(page, `language-h20-phone-${lang}`);
        expect(problems).toEqual([]);
      }
    }
  }, 300_000);

  it('draws Chinese with the served Noto Sans SC: the font answers 200 and a CJK glyph has width in it alone', async () => {
    const css = await (await fetch(`${atlas.url}/assets/explorer.css`)).text();
    const file = /url\((\/assets\/fonts\/[\w-]+\.woff2)\)/.exec(css)![1]!;
    const response = await fetch(`${atlas.url}${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');

    const { page, problems } = await open('/?view=entity&key=bytedance&lang=zh');
    await page.locator('.entity-page').waitFor();
    const fontRequests: string[] = [];
    page.on('response', (r) => r.url().includes('/assets/fonts/') && fontRequests.push(`${r.status()} ${r.url()}`));
    const measured = await page.evaluate(async () => {
      const faces = await document.fonts.load('32px "Noto Sans SC"', '字节跳动');
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d')!;
      // Only the served family: if it did not load, the canvas would fall back and check() says false.
      context.font = '32px "Noto Sans SC"';
      return { loaded: faces.length, check: document.fonts.check('32px "Noto Sans SC"', '字'), width: context.measureText('字').width };
    });
    expect(measured.loaded).toBeGreaterThan(0);
    expect(measured.check).toBe(true);
    expect(measured.width).toBeGreaterThan(20);
    expect(fontRequests.every((line) => line.startsWith('200 '))).toBe(true);
    expect(problems).toEqual([]);
  });
});
