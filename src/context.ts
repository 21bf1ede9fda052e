import type { Auth } from './auth.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { GraphLoader } from './loaders.js';

/** Who changed what: one line per successful write, never with a secret in it. */
export type AuditLog = (entry: { principal: string; mutation: string; target: string }) => void;

export interface Context {
  db: Database;
  graph: GraphLoader;
  limits: Config['limits'];
  auth: Auth;
  audit: AuditLog;
}

export function createContext(db: Database, limits: Config['limits'], auth: Auth, audit: AuditLog): Context {
  return { db, graph: new GraphLoader(db), limits, auth, audit };
}
