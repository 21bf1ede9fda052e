import { Agent, request } from 'node:http';

// The latency client of `npm run bench:peer`, forked by bench/peer.ts. Timing a request from the
// process that also serves it charged the client's own work (building the request, Node's fetch,
// parsing the answer) to the server, in the same event loop; a process of its own, sending with
// node:http over one keep-alive socket per server, times what a client on the same host would see.

export interface TimeJob {
  url: string;
  body: string;
}

export type TimeResult = { ms: number } | { error: string };

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post({ url, body }: TimeJob): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${url}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

process.on('message', async (job: TimeJob) => {
  let result: TimeResult;
  try {
    const started = process.hrtime.bigint();
    const { status, text } = await post(job);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Read after the clock stops: the answer is checked, not parsed, as the client's own business.
    result = status === 200 && !text.includes('"errors":') ? { ms } : { error: `${status} ${text.slice(0, 500)}` };
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send!(result);
});
