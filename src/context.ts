import type { Auth } from './core/auth.js';
import type { Limits } from './core/config.js';
import type { Database } from './db/database.js';
import { CausalScope, StatementBudget } from './db/request-scope.js';
import { GraphLoader } from './read/loader.js';

/** Who changed what: one line per successful write, never with a secret in it. */
export type AuditLog = (entry: { principal: string; mutation: string; target: string }) => void;

export interface Context {
  /** The database as this request may use it (Database.forRequest): every statement is charged to its budget and tagged with requestId. */
  db: Database;
  graph: GraphLoader;
  limits: Limits;
  auth: Auth;
  audit: AuditLog;
  requestId: string;
  /** The request's share of the database; the cost plugin puts a heavy operation's statements in the heavy lane. */
  budget: StatementBudget;
  /** The position this request reads at or after, and the one its writes committed at. */
  causality: CausalScope;
}

/** `consistencyToken` is the request's X-Atlas-Consistency header; one this deployment did not issue throws. */
export function createContext(db: Database, limits: Limits, auth: Auth, audit: AuditLog, requestId: string, consistencyToken: string | null = null): Context {
  const causality = new CausalScope(consistencyToken === null ? [] : db.tokens.read(consistencyToken));
  const budget = new StatementBudget(limits.maxRequestStatements, limits.maxRequestConcurrency);
  const scoped = db.forRequest({ requestId, budget, causality });
  return { db: scoped, graph: new GraphLoader(scoped), limits, auth, audit, requestId, budget, causality };
}
