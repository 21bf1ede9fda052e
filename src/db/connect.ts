import path from 'node:path';
import type { Config } from '../config.js';
import { Database } from './database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded.js';

export interface Connection {
  db: Database;
  /** Closes the driver, then stops the embedded server if this process started one. */
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI when it is set; otherwise starts the embedded Neo4j on its own data
 * directory (reused across starts) and connects to that.
 */
export async function connect(config: Config, log: (line: string) => void = () => undefined): Promise<Connection> {
  const { neo4j } = config;
  let embedded: EmbeddedNeo4j | undefined;
  if (!neo4j.uri) {
    embedded = await startEmbeddedNeo4j({
      dataDir: path.resolve(neo4j.embedded.dataDir),
      boltPort: neo4j.embedded.boltPort,
      password: neo4j.password,
      heap: neo4j.embedded.heap,
      pagecache: neo4j.embedded.pagecache,
      log,
    });
  }
  const db = new Database({ ...neo4j, uri: neo4j.uri ?? embedded!.uri });
  try {
    await db.ping();
  } catch (error) {
    await db.close();
    await embedded?.stop();
    throw error;
  }
  return {
    db,
    close: async () => {
      await db.close();
      await embedded?.stop();
    },
  };
}
