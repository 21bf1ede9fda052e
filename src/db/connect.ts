import path from 'node:path';
import type { Config } from '../core/config.js';
import { Database } from './database.js';
import { superviseEmbeddedNeo4j } from './supervisor.js';

export interface Connection {
  db: Database;
  /** Where Neo4j answers: NEO4J_URI, or the embedded server's Bolt address (for a second driver, as bench:ab's baseline). */
  uri: string;
  /**
   * False once the embedded Neo4j failed to restart several times in a row: this process cannot
   * heal itself and should be replaced. Always true with NEO4J_URI, whose outages the driver rides out.
   */
  healthy(): boolean;
  /** Closes the driver, then stops the embedded server if this process started one. */
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI when it is set; otherwise starts the embedded Neo4j on its own data
 * directory (reused across starts), restarts it whenever it dies, and connects to that.
 */
export async function connect(config: Config, log: (line: string) => void = () => undefined): Promise<Connection> {
  const { neo4j } = config;
  let db: Database | undefined;
  const embedded = neo4j.uri
    ? undefined
    : await superviseEmbeddedNeo4j({
        dataDir: path.resolve(neo4j.embedded.dataDir),
        boltPort: neo4j.embedded.boltPort,
        password: neo4j.password,
        heap: neo4j.embedded.heap,
        pagecache: neo4j.embedded.pagecache,
        log,
        // Through the service's own driver, so requests are let in only once its pool reaches the new server.
        probe: async () => {
          await db!.driver.executeQuery('RETURN 1', {}, { database: neo4j.database });
        },
      });
  const uri = neo4j.uri ?? embedded!.uri;
  db = new Database({
    ...neo4j,
    uri,
    unavailableReason: embedded?.unavailableReason,
  });
  try {
    await db.ping();
  } catch (error) {
    await db.close();
    await embedded?.stop();
    throw error;
  }
  return {
    db,
    uri,
    healthy: () => embedded?.healthy() ?? true,
    close: async () => {
      await db.close();
      await embedded?.stop();
    },
  };
}
