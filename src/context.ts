import type { Auth } from './core/auth.js';
import type { Limits } from './core/config.js';
import { CausalScope, StatementBudget, type Database } from './db/database.js';
import { GraphLoader } from './read/loader.js';

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
  /** The position this request reads at or after, and the one its writes committed at. */
  causality: CausalScope;
}

/** `consistencyToken` is the request's X-Atlas-Consistency header; one this deployment did not issue throws. */
export function createContext(db: Database, limits: Limits, auth: Auth, audit: AuditLog, requestId: string, consistencyToken: string | null = null): Context {
  const causality = new CausalScope(consistencyToken === null ? [] : db.tokens.read(consistencyToken));
  const scoped = db.withBudget(new StatementBudget(limits.maxRequestStatements, limits.maxRequestConcurrency)).withCausality(causality);
  return { db: scoped, graph: new GraphLoader(scoped), limits, auth, audit, requestId, causality };
}
