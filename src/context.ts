import type { Auth } from './auth.js';
import type { Limits } from './config.js';
import { StatementBudget, type Database } from './db/database.js';
import { GraphLoader } from './loaders.js';

/** Who changed what: one line per successful write, never with a secret in it. */
export type AuditLog = (entry: { principal: string; mutation: string; target: string }) => void;

export interface Context {
  /** The database as this request may use it: every statement is charged to its budget. */
  db: Database;
  graph: GraphLoader;
  limits: Limits;
  auth: Auth;
  audit: AuditLog;
  requestId: string;
}

export function createContext(db: Database, limits: Limits, auth: Auth, audit: AuditLog, requestId: string): Context {
  const scoped = db.withBudget(new StatementBudget(limits.maxRequestStatements, limits.maxRequestConcurrency));
  return { db: scoped, graph: new GraphLoader(scoped), limits, auth, audit, requestId };
}
