import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { GraphLoader } from './loaders.js';

export interface Context {
  db: Database;
  graph: GraphLoader;
  limits: Config['limits'];
}

export function createContext(db: Database, limits: Config['limits']): Context {
  return { db, graph: new GraphLoader(db), limits };
}
