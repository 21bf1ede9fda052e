import { SEED_GRAPH } from '../../bench/db-hits.js';
import { describeDbHits } from './db-hits-suite.js';

// The reference questions of bench/cases.ts on the suite's seeded database, against bench/db-hits.json.
describeDbHits(SEED_GRAPH);
