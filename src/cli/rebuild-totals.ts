import { ConfigError, loadConfig } from '../core/config.js';
import { connect } from '../db/connect.js';
import { rebuildAggregates } from '../graph/aggregates.js';

// npm run totals:rebuild
// Every write through the service keeps the stored totals current in its own transaction. A figure's
// value edited in plain Cypher cannot be noticed without reading every figure, which is what stored
// totals exist to avoid: after such an edit, this recomputes them all from the figures.
try {
  const connection = await connect(loadConfig(), (line) => console.error(line));
  try {
    const { pairs, aggregates } = await rebuildAggregates(connection.db);
    console.log(`stored totals rebuilt: ${aggregates} rows for ${pairs} (metric, period) pairs`);
  } finally {
    await connection.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
