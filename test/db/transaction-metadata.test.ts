import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import type { Database } from '../../src/db/database.js';
import { limits, testDatabase } from '../helpers.js';

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.close());

/** The metadata Neo4j lists for the transaction running this very statement. */
const OWN_METADATA = `SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE currentQuery CONTAINS 'own-metadata' RETURN metaData`;

const requestDb = (requestId: string) => createContext(db, limits, { status: 'anonymous', scopes: new Set() }, () => undefined, requestId).db;

describe('transaction metadata', () => {
  it("tags a request's reads and writes with the service and the request id, so SHOW TRANSACTIONS leads to the request log", async () => {
    const scoped = requestDb('req-metadata-1');
    expect(await scoped.read(OWN_METADATA)).toEqual([{ metaData: { app: 'compute-atlas', requestId: 'req-metadata-1' } }]);
    expect(await scoped.write(OWN_METADATA)).toEqual([{ metaData: { app: 'compute-atlas', requestId: 'req-metadata-1' } }]);
    expect(await scoped.writeTransaction((run) => run(OWN_METADATA))).toEqual([{ metaData: { app: 'compute-atlas', requestId: 'req-metadata-1' } }]);
  });

  it('tags statements of no request (seeding, readiness) with the service alone', async () => {
    expect(await db.read(OWN_METADATA)).toEqual([{ metaData: { app: 'compute-atlas' } }]);
  });
});
