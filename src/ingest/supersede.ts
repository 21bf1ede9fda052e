import type { Params } from '../db/database.js';

type Run = <T extends Record<string, unknown>>(cypher: string, params?: Params) => Promise<T[]>;

/** Keys of everything one complete dataset states: its claims, figures and the links drawn from its quotes. */
export interface StatedKeys {
  claims: string[];
  facts: string[];
  /** SAID and ABOUT links, which follow their quote's sources and have no claims of their own. */
  quoteLinks: string[];
}

/** What a complete dataset no longer states, now retracted: the targets whose projections must be recomputed. */
export interface Superseded {
  entityTargets: string[];
  linkTargets: string[];
  /** (metric, period) pairs of the figures withdrawn, whose totals must be recomputed. */
  pairs: { metric: string; period: string }[];
  retracted: number;
  withdrawnFacts: number;
}

/**
 * A dataset that is the whole of what one principal states (the seed: `seed/data` as it is now)
 * supersedes what that principal recorded before and no longer states. Inside the dataset's own
 * write transaction and change set, what earlier writes of the same principal recorded and this
 * dataset leaves out is retracted: claims are marked retracted (never deleted, as a mutation
 * retracts them), figures are withdrawn (relabelled `RetractedFact`, kept with the change set
 * that withdrew them, and unlinked from their subject), and the SAID/ABOUT links of quotes are
 * removed when no source beyond that principal's gave them. Nothing another principal recorded is
 * touched: another source's claim has another key, and a claim first recorded by another write is
 * theirs even when this principal restates it.
 */
export async function retractSuperseded(run: Run, principal: string, changeSet: string, stated: StatedKeys): Promise<Superseded> {
  const [own] = await run<{ ids: string[] }>(`MATCH (cs:ChangeSet {principal: $principal}) RETURN collect(cs.id) AS ids`, { principal });
  const ids = own?.ids ?? [];
  if (!ids.length) return { entityTargets: [], linkTargets: [], pairs: [], retracted: 0, withdrawnFacts: 0 };

  const claims = await run<{ kind: string; target: string }>(
    `MATCH (c:Claim) WHERE c.recordedIn IN $ids AND NOT c.retracted AND NOT c.key IN $keys
     SET c.retracted = true, c.retractedIn = $cs
     RETURN c.kind AS kind, c.target AS target`,
    { ids, keys: stated.claims, cs: changeSet },
  );
  const facts = await run<{ metric: string; period: string | null }>(
    `MATCH (s)-[r:REPORTED]->(f:FinancialFact) WHERE f.recordedIn IN $ids AND NOT f.key IN $keys
     DELETE r
     REMOVE f:FinancialFact
     SET f:RetractedFact, f.retractedIn = $cs
     RETURN f.metric AS metric, f.period AS period`,
    { ids, keys: stated.facts, cs: changeSet },
  );
  // Quote links follow their quote's sources and have no history of their own: one this dataset no
  // longer draws is removed when it hangs on a quote this principal recorded and every source that
  // gave it is one that principal's claim on the quote cites.
  await run(
    `MATCH (c:Claim {kind: 'ENTITY', type: 'Quote'}) WHERE c.recordedIn IN $ids
     WITH c.target AS quote, c.sources AS sources
     MATCH (:Quote {key: quote})-[r:SAID|ABOUT]-()
     WHERE NOT r.key IN $keys AND all(s IN r.sources WHERE s IN sources)
     DELETE r`,
    { ids, keys: stated.quoteLinks },
  );
  return {
    entityTargets: claims.filter((c) => c.kind === 'ENTITY').map((c) => c.target),
    linkTargets: claims.filter((c) => c.kind === 'LINK').map((c) => c.target),
    pairs: facts.filter((f) => f.period !== null).map((f) => ({ metric: f.metric, period: f.period! })),
    // The quote links go with their quote: the count is of statements, as a mutation's retraction counts claims.
    retracted: claims.length + facts.length,
    withdrawnFacts: facts.length,
  };
}

/** Entities no claim supports any more and no link reaches: nothing states them, so they go. */
export async function removeUnsupportedEntities(run: Run, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await run(
    `MATCH (n:Entity) WHERE n.key IN $keys
       AND NOT EXISTS { MATCH (c:Claim {kind: 'ENTITY'}) WHERE c.target = n.key AND NOT c.retracted }
       AND NOT EXISTS { (n)--() }
     DELETE n`,
    { keys },
  );
}
