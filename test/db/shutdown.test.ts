import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { serviceEnv, testDatabase, type GraphQLResponse } from '../helpers.js';
import { startServiceProcess, type ServiceProcess } from '../service-process.js';

// The service as deployed (a child process on the suite's database), stopped with SIGTERM while
// writes are in flight: no client may see its request cut off, and the database must agree with
// what the clients were told.
const SECRET = 'shutdown-test-secret-0123456789ab';
const KEY_PREFIX = 'shutdown-test-';
const REQUESTS = 60;
const SHUTDOWN_TIMEOUT_MS = 10_000;
const UPSERT_ENTITY = `mutation ($input: EntityInput!) {
  upsertEntity(input: $input) { __typename ... on MutationUpsertEntitySuccess { data { key } } }
}`;

type Outcome = { key: string; kind: 'written' } | { key: string; kind: 'refused'; how: string } | { key: string; kind: 'unexpected'; detail: string };

let db: Database;
let service: ServiceProcess | undefined;

/** One mutation over a kept-alive connection, classified by what its client saw. */
function upsert(agent: http.Agent, key: string): Promise<Outcome> {
  const body = JSON.stringify({
    query: UPSERT_ENTITY,
    variables: {
      input: {
        label: 'Company',
        key,
        name: `Shutdown Test ${key}`,
        properties: { kind: 'AI_LAB' },
        evidence: [`Shutdown Test ${key} buys chips.`],
        sources: ['omdia-2024-hopper-buyers'],
      },
    },
  });
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: service!.port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => resolve({ key, kind: 'unexpected', detail: `response cut off: ${error.message}` }));
        response.on('end', () => {
          let answer: GraphQLResponse;
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLResponse;
          } catch {
            return resolve({ key, kind: 'unexpected', detail: `incomplete answer (status ${response.statusCode})` });
          }
          if (response.statusCode === 200 && answer.data?.upsertEntity?.__typename === 'MutationUpsertEntitySuccess') {
            return resolve({ key, kind: 'written' });
          }
          const code = answer.errors?.[0]?.extensions?.code;
          if (response.statusCode === 503 && code === 'SHUTTING_DOWN' && response.headers.connection === 'close') {
            return resolve({ key, kind: 'refused', how: 'SHUTTING_DOWN' });
          }
          resolve({ key, kind: 'unexpected', detail: `status ${response.statusCode}: ${JSON.stringify(answer)}` });
        });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve({ key, kind: 'refused', how: 'ECONNREFUSED' });
      else resolve({ key, kind: 'unexpected', detail: `${error.code ?? ''} ${error.message}` });
    });
    request.end(body);
  });
}

async function keysInDatabase(): Promise<string[]> {
  const rows = await db.read<{ key: string }>('MATCH (n:Entity) WHERE n.key STARTS WITH $prefix RETURN n.key AS key', {
    prefix: KEY_PREFIX,
  });
  return rows.map((row) => row.key).sort();
}

async function removeTestNodes(): Promise<void> {
  await db.write('MATCH (n:Entity) WHERE n.key STARTS WITH $prefix DETACH DELETE n', { prefix: KEY_PREFIX });
}

beforeAll(async () => {
  db = testDatabase();
  await removeTestNodes();
  service = await startServiceProcess(serviceEnv(SECRET, { HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) }));
});

afterAll(async () => {
  await service?.stop('SIGKILL');
  await removeTestNodes();
  await db.close();
});

describe('SIGTERM while writes are in flight', () => {
  it('answers or refuses every request, never cuts one off, and exits 0 in time', async () => {
    // Few sockets for many requests: sockets are reused, so some requests reach the server on a
    // kept-alive connection after SIGTERM, which is the path a plain close would reset.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => service!.child.once('exit', (code) => resolve({ code, at: Date.now() })));
    let answered = 0;
    let signalledAt = 0;
    const outcomes = await Promise.all(
      Array.from({ length: REQUESTS }, (_, n) =>
        upsert(agent, `${KEY_PREFIX}${n}`).then((outcome) => {
          if (++answered === 5) {
            signalledAt = Date.now();
            service!.child.kill('SIGTERM');
          }
          return outcome;
        }),
      ),
    );
    agent.destroy();
    const { code, at } = await exited;

    // The service's warnings and errors say why a request failed (a DATABASE_UNAVAILABLE names its Neo4j code there).
    const problems = service!.lines().filter((line) => /"level":(40|50|60)/.test(line));
    expect(
      outcomes.filter((o) => o.kind === 'unexpected'),
      problems.join('\n'),
    ).toEqual([]);
    const written = outcomes.filter((o) => o.kind === 'written').map((o) => o.key);
    const refused = outcomes.filter((o) => o.kind === 'refused');
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeGreaterThan(0);
    expect(await keysInDatabase()).toEqual([...written].sort());
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
    expect(service!.output()).toMatch(/SIGTERM: shutting down[\s\S]*stopped/);

    const how = (name: string) => refused.filter((o) => o.kind === 'refused' && o.how === name).length;
    console.log(
      `[shutdown.test] ${written.length} written, ${how('SHUTTING_DOWN')} refused with SHUTTING_DOWN, ` +
        `${how('ECONNREFUSED')} with ECONNREFUSED; exit ${code} ${at - signalledAt} ms after SIGTERM`,
    );
  }, 60_000);
});
