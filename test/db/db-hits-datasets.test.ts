import { describe, expect, it } from 'vitest';
import { DATASETS_GRAPH } from '../../bench/db-hits.js';
import { describeDbHits } from './db-hits-suite.js';

// `npm run test:datasets` only (vitest.datasets.config.ts): the questions of bench/cases/datasets.ts
// on the suite's graph of the seed and every public dataset, against bench/db-hits-datasets.json.
const suite = describeDbHits(DATASETS_GRAPH);

describe('the graph the dataset questions are asked on', () => {
  it('holds the public datasets (ATLAS_TEST_GRAPH=datasets): on the seed alone the questions would cost less and pass', async () => {
    const [row] = await suite.db.read<{ datasets: number }>("MATCH (s:Source {kind: 'DATASET'}) RETURN count(s) AS datasets");
    expect(row!.datasets, 'no dataset source in the graph: run with -c vitest.datasets.config.ts and ATLAS_DATASETS_DIR').toBeGreaterThan(0);
  });
});
