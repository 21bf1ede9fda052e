import autocannon from 'autocannon';

// The load generator of `npm run bench:peer`, forked by bench/peer.ts so that sending requests
// and reading answers does not share an event loop with the two servers it measures.

export interface DriveJob {
  url: string;
  body: string;
  connections: number;
  duration: number;
}

export interface DriveResult {
  requests: number;
  seconds: number;
  non2xx: number;
  /** Answers with status 200 whose body carries GraphQL errors. */
  graphqlErrors: number;
  /** Connection errors and timeouts. */
  failures: number;
}

async function drive({ url, body, connections, duration }: DriveJob): Promise<DriveResult> {
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        onResponse: (_status: number, text: string) => {
          if (text.includes('"errors":')) graphqlErrors++;
        },
      },
    ],
  });
  return { requests: result.requests.total, seconds: result.duration, non2xx: result.non2xx, graphqlErrors, failures: result.errors };
}

process.once('message', async (job: DriveJob) => {
  const result = await drive(job);
  process.send!(result, () => process.disconnect());
});
