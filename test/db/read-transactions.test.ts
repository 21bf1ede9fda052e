import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { testDatabase } from '../helpers.js';

// Reads are sent as auto-commit transactions (one RUN and PULL, no BEGIN or COMMIT). Neo4j runs
// `CALL { ... } IN TRANSACTIONS` only in such a transaction, which makes the kind of transaction
// visible from outside: in a managed one it is refused.

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.close());

describe('reads', () => {
  it('run as auto-commit transactions', async () => {
    const rows = await db.read<{ n: number }>('UNWIND [1, 2, 3] AS i CALL (i) { RETURN i * 2 AS n } IN TRANSACTIONS OF 2 ROWS RETURN n ORDER BY n');
    expect(rows.map((row) => row.n)).toEqual([2, 4, 6]);
  });

  it('and writes are started without formatting a call-site stack for the driver', async () => {
    // The driver formats `new Error().stack` for every statement it is given, to paste into the
    // statement's errors; the gateway gives it none to format (withoutCallSite, src/db/call-site.ts).
    // The COMMIT of a write transaction is the driver's own statement, started from its own frames.
    const formatted: string[] = [];
    const prepare = Error.prepareStackTrace;
    Error.prepareStackTrace = (error, frames) => {
      const names = frames.map((frame) => `${frame.getFunctionName()} ${frame.getFileName()}`);
      if (names.some((name) => name.startsWith('captureStacktrace')) && names.some((name) => name.includes('src/db/database.ts')))
        formatted.push(names.join('\n'));
      return `${error}`;
    };
    try {
      await db.read('RETURN 1 AS one');
      await db.write('RETURN 1 AS one');
      await db.writeTransaction((run) => run('RETURN 1 AS one'));
    } finally {
      Error.prepareStackTrace = prepare;
    }
    expect(formatted).toEqual([]);
  });

  it('still see what the service wrote just before', async () => {
    await db.write("CREATE (:ReadAfterWrite {key: 'read-transactions-probe'})");
    try {
      expect(await db.read("MATCH (n:ReadAfterWrite {key: 'read-transactions-probe'}) RETURN n.key AS key")).toEqual([{ key: 'read-transactions-probe' }]);
    } finally {
      await db.write('MATCH (n:ReadAfterWrite) DELETE n');
    }
  });
});
