import autocannon from 'autocannon';

// The load generator of `npm run bench:load`, forked by bench/load.ts into a process of its own so
// that building requests and parsing responses does not compete with the server for its event
// loop (which would inflate the latencies measured); `top` then also shows the load generator, the
// server and Neo4j apart.

export interface LoadQuery {
  name: string;
  body: string;
}

export interface Drive {
  url: string;
  queries: LoadQuery[];
  connections: number;
  duration: number;
  timeoutS: number;
}

export interface QueryStats {
  responses: number;
  graphqlErrors: number;
  /** extensions.code of the errors seen (QUERY_TIMEOUT, QUERY_TOO_COMPLEX...), by count. */
  codes: Record<string, number>;
  latencies: number[];
}

export interface Outcome {
  result: autocannon.Result;
  queries: Record<string, QueryStats>;
}

// Public and documented in autocannon's README, missing from @types/autocannon 7.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], opts: { url: string; connections: number }): autocannon.Result;
};

function errorCodes(body: string): string[] {
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? [];
    return errors.map((e) => String(e.extensions?.code ?? 'NO_CODE'));
  } catch {
    return ['UNPARSABLE_BODY'];
  }
}

async function drive({ url, queries, connections, duration, timeoutS }: Drive): Promise<Outcome> {
  const stats: Record<string, QueryStats> = Object.fromEntries(queries.map((q) => [q.name, { responses: 0, graphqlErrors: 0, codes: {}, latencies: [] }]));
  let clients = 0;
  const raw = await autocannon({
    url,
    connections,
    duration,
    timeout: timeoutS,
    // Aggregated below, with the public function, so the result has the same shape in any thread.
    skipAggregateResult: true,
    // Every connection gets its own rotation of the set, so that at any moment the connections
    // are spread over all queries rather than all asking the most expensive one together.
    setupClient: (client) => {
      const offset = clients++ % queries.length;
      let last = '';
      client.setRequests(
        [...queries.slice(offset), ...queries.slice(0, offset)].map((q) => ({
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: q.body,
          onResponse: (_status: number, body: string) => {
            last = q.name;
            const s = stats[q.name]!;
            s.responses++;
            // A GraphQL error comes back with status 200; only the body tells.
            if (body.includes('"errors":')) {
              s.graphqlErrors++;
              for (const code of errorCodes(body)) s.codes[code] = (s.codes[code] ?? 0) + 1;
            }
          },
        })),
      );
      // autocannon calls onResponse just before it emits 'response' with the latency.
      client.on('response', (_status: number, _bytes: number, latency: number) => stats[last]!.latencies.push(latency));
    },
  });
  return { result: aggregateResult([raw], { url, connections }), queries: stats };
}

process.once('message', async (job: Drive) => {
  const outcome = await drive(job);
  // A large outcome (every latency) is still in flight when send returns.
  process.send!(outcome, () => process.disconnect());
});
