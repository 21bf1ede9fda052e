import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { importFiles } from '../../../src/ingest/index.js';
import { execute, useOwnSeededGraph } from '../../helpers.js';
// Hand-written dataset items in the shapes of src/ingest/shapes.ts, for test/db/datasets/api.test.ts
// (written into a temp dir by the test): not real data. File names tell the kind of their items.

export const OWNERS = 'test-epoch-chip-owners';
export const LISTS = 'test-designation-lists';
export const SHA = 'a'.repeat(64);

export const files: Record<string, unknown[]> = {
  'sources.json': [
    {
      key: OWNERS,
      kind: 'DATASET',
      title: 'AI Chip Owners (test)',
      publisher: 'Epoch AI',
      publishedOn: '2025-06',
      url: 'https://example.org/data/ai-chip-owners.csv',
      retrievedOn: '2025-07-01',
      license: 'CC BY 4.0',
      sha256: SHA,
      rowCount: 3,
    },
    {
      key: LISTS,
      kind: 'DATASET',
      title: 'Designated companies (test)',
      authors: ['Test Registry Office'],
      publisher: 'Test Registry',
      url: 'https://example.org/data/lists.csv',
      sha256: 'b'.repeat(64),
      rowCount: 2,
    },
  ],
  'entities.json': [
    { key: 'china-ai-chip-buyers', label: 'CompanyGroup', name: 'Buyers in China (Epoch AI aggregate)', sources: [OWNERS], locator: 'line 2: Buyers in China' },
    { key: 'h100-h200', label: 'ChipFamily', name: 'H100/H200', vendor: 'nvidia', sources: [OWNERS] },
    { key: 'test-designation-list', label: 'Policy', name: 'Test designation list', kind: 'DESIGNATION_LIST', status: 'IN_FORCE', sources: [LISTS] },
    {
      key: 'test-site',
      label: 'DataCenter',
      name: 'Test Site Memphis',
      kind: 'SITE',
      status: 'OPERATING',
      address: '3231 Paul R. Lowry Rd, Memphis, TN',
      latitude: 35.06,
      longitude: -90.15,
      firstOperationalOn: '2024-09',
      sources: [OWNERS],
    },
    { key: 'test-site-phase-1', label: 'DataCenter', name: 'Test Site Memphis Phase 1', kind: 'CLUSTER', status: 'OPERATING', sources: [OWNERS] },
  ],
  'attributes.json': [
    {
      key: 'nvidia',
      label: 'Company',
      values: {
        identifiers: [
          { scheme: 'SEC_CIK', value: '1045810' },
          { scheme: 'TICKER', value: 'NVDA' },
        ],
      },
      sources: [OWNERS],
    },
    {
      key: 'h100',
      label: 'Chip',
      values: { releasedOn: '2022-03', tdpWatts: 700, memoryBytes: 80e9, bf16FlopsPerSecond: 9.89e14, processNm: 4, foundry: 'TSMC', chipType: 'GPU' },
      sources: [OWNERS],
      locator: 'line 7: NVIDIA H100 SXM5',
    },
  ],
  'relationships.json': [
    ...['h100', 'h200'].map((chip) => ({ type: 'MEMBER_OF', from: chip, to: 'h100-h200', evidence: `line 3: ${chip} in H100/H200`, sources: [OWNERS] })),
    { type: 'MEMBER_OF', from: 'h100-h200', to: 'hopper', evidence: 'line 3: H100/H200 is Hopper', sources: [OWNERS] },
    { type: 'LOCATED_IN', from: 'china-ai-chip-buyers', to: 'china', evidence: 'line 2: Buyers in China', sources: [OWNERS] },
    {
      type: 'BUYS',
      from: 'china-ai-chip-buyers',
      to: 'h20',
      properties: { period: '2025' },
      evidence: 'line 2: Buyers in China, H20, 500000',
      sources: [OWNERS],
      locator: 'line 2: Buyers in China H20',
      confidence: 'LIKELY',
    },
    {
      type: 'BUYS',
      from: 'xai',
      to: 'h100-h200',
      properties: { period: '2025' },
      evidence: 'line 4: xAI, H100/H200',
      sources: [OWNERS],
      locator: 'line 4: xAI H100/H200',
    },
    {
      type: 'TARGETS',
      from: 'test-designation-list',
      to: 'alibaba',
      properties: { since: '2024-01-15' },
      evidence: 'row 1: Alibaba, added 2024-01-15',
      sources: [LISTS],
      locator: 'line 2: Alibaba',
    },
    {
      type: 'TARGETS',
      from: 'test-designation-list',
      to: 'bytedance',
      properties: { since: '2020-01-01', until: '2021-06-01' },
      evidence: 'row 2: ByteDance, added 2020-01-01, removed 2021-06-01',
      sources: [LISTS],
      locator: 'line 3: ByteDance',
      confidence: 'CONFIRMED',
    },
    { type: 'HOSTS', from: 'test-site', to: 'h100', properties: { units: 100000 }, evidence: 'line 5: Test Site hosts 100,000 H100', sources: [OWNERS] },
    { type: 'PHASE_OF', from: 'test-site-phase-1', to: 'test-site', evidence: 'line 6: Phase 1 of Test Site', sources: [OWNERS] },
    { type: 'LOCATED_IN', from: 'test-site', to: 'us', evidence: 'line 5: Memphis, US', sources: [OWNERS] },
    { type: 'OPERATES', from: 'xai', to: 'test-site', evidence: 'line 5: operated by xAI', sources: [OWNERS] },
    { type: 'USES', from: 'openai', to: 'test-site', evidence: 'line 5: used by OpenAI', sources: [OWNERS] },
    { type: 'VARIANT_OF', from: 'h20', to: 'h100', evidence: 'line 8: H20 is a variant of the H100', sources: [OWNERS] },
  ],
  'facts.json': [
    {
      subject: 'china-ai-chip-buyers',
      metric: 'CHIP_COUNT',
      period: '2025',
      date: '2025-06-30',
      item: 'h20',
      value: 500000,
      valueLow: 300000,
      valueHigh: 800000,
      unit: 'UNITS',
      stated: '500000',
      estimate: true,
      evidence: 'line 2: Buyers in China, H20, 500000 (300000-800000)',
      sources: [OWNERS],
      locator: 'line 2: Buyers in China H20',
      confidence: 'LIKELY',
    },
    {
      subject: 'xai',
      metric: 'H100_EQUIVALENTS',
      period: '2025',
      item: 'h100-h200',
      value: 200000,
      unit: 'UNITS',
      stated: '200000',
      estimate: true,
      evidence: 'line 4: xAI, H100/H200, 200000',
      sources: [OWNERS],
    },
    {
      subject: 'xai',
      metric: 'HARDWARE_COST',
      period: '2025',
      value: 7e9,
      unit: 'USD',
      stated: '7000000000',
      estimate: true,
      evidence: 'line 4: xAI hardware 7000000000',
      sources: [OWNERS],
    },
    {
      subject: 'xai',
      metric: 'HARDWARE_COST',
      period: '2025',
      item: 'h100-h200',
      value: 5e9,
      unit: 'USD',
      stated: '5000000000',
      estimate: true,
      evidence: 'line 4: xAI H100/H200 hardware 5000000000',
      sources: [OWNERS],
    },
  ],
};

/**
 * A seeded graph of the calling file's own with these items imported (written to a temp dir as the
 * importer's files), and `data(query)` asking its app, failing on any error.
 */
export function useFixtureGraph(name: string, writerSecret: string) {
  const graph = useOwnSeededGraph(name, writerSecret);
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `atlas-${name}-`));
    const paths = [];
    for (const [fileName, items] of Object.entries(files)) {
      paths.push(path.join(dir, fileName));
      await writeFile(paths.at(-1)!, JSON.stringify(items, null, 2));
    }
    await importFiles(graph.db, paths);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const data = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await execute(graph.app, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  return { graph, data };
}
