import { loadConfig } from '../src/core/config.js';
import { connect } from '../src/db/connect.js';
import { applySchema } from '../src/graph/schema.js';

/**
 * NEO4J_URI, or an embedded Neo4j on a benchmark data directory of its own, sized for a million
 * relationships with their evidence rather than the service's small defaults. `neo4jPid` is the
 * embedded JVM's process (undefined on NEO4J_URI), for memory readings.
 */
export async function openBenchDatabase(defaultDataDir: string) {
  process.env.NEO4J_DATA_DIR ??= defaultDataDir;
  process.env.NEO4J_HEAP ??= '2g';
  process.env.NEO4J_PAGECACHE ??= '1g';
  const config = loadConfig();
  let pid: number | undefined;
  const connection = await connect(config, (line) => {
    // "embedded Neo4j: ready at ... (pid N)", and the same after a restart.
    pid = Number(/\(pid (\d+)\)/.exec(line)?.[1] ?? pid) || pid;
    console.error(line);
  });
  // A generated graph gets its stored totals here, as the service would build them at start.
  await applySchema(connection.db);
  return { config, connection, db: connection.db, neo4jPid: () => pid };
}
