import { ConfigError, loadConfig } from '../core/config.js';
import { connect } from '../db/connect.js';
import { ValidationFailed } from '../ingest/index.js';
import { loadSeed } from '../ingest/seed.js';

// `npm run seed`: loads the curated graph into NEO4J_URI, or into the embedded Neo4j when unset.
try {
  const connection = await connect(loadConfig(), (line) => console.log(line));
  try {
    const { written } = await loadSeed(connection.db);
    console.log(`seed loaded: ${written.nodes} nodes and ${written.relationships} relationships upserted`);
  } finally {
    await connection.close();
  }
} catch (error) {
  console.error(error instanceof ValidationFailed || error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
