import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { applySchema } from '../../src/graph/schema.js';
import { testDatabase } from '../helpers.js';

// A new index on a large graph is built for longer than one statement may run (the exact-names
// index on 500,000 entities outlasted the 10 s statement timeout). applySchema must wait for every
// index to come online across statements, not inside one. Here an index over 600,000 nodes is
// built while applySchema runs with statements cut off at 1 s.

const PROBE_INDEX = 'schema_wait_probe';

let db: Database;
beforeAll(async () => {
  db = testDatabase();
  for (let batch = 0; batch < 3; batch++) await db.write('UNWIND range(1, 200000) AS i CREATE (:SchemaWaitProbe {name: "probe name " + i})');
});
afterAll(async () => {
  await db.write(`DROP INDEX ${PROBE_INDEX} IF EXISTS`);
  // In batches: one transaction of 600,000 deletions could outlast the statement timeout on a busy machine.
  let deleted: number;
  do {
    [{ deleted }] = (await db.write<{ deleted: number }>('MATCH (n:SchemaWaitProbe) WITH n LIMIT 100000 DELETE n RETURN count(*) AS deleted')) as [
      { deleted: number },
    ];
  } while (deleted > 0);
  await db.close();
});

describe('applySchema', () => {
  it('waits until an index that takes longer than a statement may run is online', async () => {
    await db.write(`CREATE FULLTEXT INDEX ${PROBE_INDEX} FOR (n:SchemaWaitProbe) ON EACH [n.name]`);
    const [building] = await db.read<{ state: string }>('SHOW INDEXES YIELD name, state WHERE name = $name RETURN state', { name: PROBE_INDEX });
    // The index must still be building, or this test would prove nothing.
    expect(building?.state).toBe('POPULATING');
    const impatient = testDatabase({ queryTimeoutMs: 1_000 });
    try {
      await applySchema(impatient);
    } finally {
      await impatient.close();
    }
    expect(await db.read('SHOW INDEXES YIELD name, state WHERE name = $name RETURN state', { name: PROBE_INDEX })).toEqual([{ state: 'ONLINE' }]);
  });
});
