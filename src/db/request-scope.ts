import { type Lane, Slots } from './admission.js';
import { StatementLimitError } from './errors.js';

/**
 * One request's share of the database: how many statements it may send in all, and how many may
 * run at once. Without it a single request of many aliases could hold every pooled connection
 * and starve every other client.
 */
export class StatementBudget {
  private sent = 0;
  private readonly running: Slots;
  /**
   * The admission lane of the request's statements: heavy once the operation is priced at or above
   * the heavy threshold (set before its resolvers run, by the cost plugin); light until then.
   */
  lane: Lane = 'light';

  constructor(
    readonly maxStatements: number,
    maxConcurrent: number,
  ) {
    this.running = new Slots(maxConcurrent);
  }

  get statements(): number {
    return this.sent;
  }

  async acquire(): Promise<() => void> {
    if (this.sent >= this.maxStatements) throw new StatementLimitError(this.maxStatements);
    this.sent++;
    return this.running.take();
  }
}

/**
 * One request's place in the database's history: the position its consistency token asks it to
 * read at or after, and the position its last write committed at.
 */
export class CausalScope {
  committed: string[] = [];
  /** Set by the first statement of the request: the wait for `after`, shared by the rest. */
  caughtUp: Promise<void> | undefined;

  constructor(readonly after: string[] = []) {}
}

/**
 * Everything the gateway holds for one GraphQL request (`Database.forRequest`, called by
 * `createContext`): every statement it sends is charged to its budget, reads at or after its
 * causal position, and is tagged with its id in the transaction metadata.
 */
export interface RequestScope {
  /** The id of the request's log line (`requestIdOf`); Neo4j's `SHOW TRANSACTIONS` shows it. */
  requestId: string;
  budget: StatementBudget;
  causality: CausalScope;
}
