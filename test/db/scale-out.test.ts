import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { freePort } from '../../src/db/embedded.js';
import { serviceEnv, testDatabase, type GraphQLResponse } from '../helpers.js';

// scripts/scale-out.ts as deployed: two API instances (child processes) on the suite's database
// behind its round-robin proxy. A write through one instance must be seen by a read through the
// other when the read sends the write's token back. On a single server the read would see it
// anyway; what this proves is that the token crosses instances and is honoured by the other one,
// which on a cluster is what keeps that read off a follower that has not applied the write.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'scale-out-test-secret-0123456789';
const KEY = 'scale-out-test-co';
const READY = /ready: proxy (http:\/\/\S+) -> (.+)/;
const UPSERT_ENTITY = `mutation ($input: EntityInput!) {
  upsertEntity(input: $input) { __typename ... on MutationUpsertEntitySuccess { data { key } } }
}`;

let db: Database;
let script: ChildProcess | undefined;
let proxy: string;
let instances: Record<string, string>;
const output: string[] = [];

interface Answer {
  status: number;
  instance: string | null;
  token: string | null;
  body: GraphQLResponse & { extensions?: Record<string, unknown> };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return {
    status: response.status,
    instance: response.headers.get('x-atlas-instance'),
    token: response.headers.get('x-atlas-consistency'),
    body: (await response.json()) as Answer['body'],
  };
}

function startScaleOut(port: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/scale-out.ts', '--instances', '2', '--port', String(port)], {
    cwd: ROOT,
    env: serviceEnv(SECRET),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  script = child;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = READY.exec(output.join(''));
      if (!ready) return;
      proxy = ready[1]!;
      instances = Object.fromEntries(
        ready[2]!
          .trim()
          .split(' ')
          .map((entry) => entry.split('=') as [string, string]),
      );
      resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`scale-out exited with ${code}:\n${output.join('')}`)));
  });
}

async function removeTestNodes(): Promise<void> {
  await db.write('MATCH (n) WHERE n.key = $key OR n.target = $key DETACH DELETE n', { key: KEY });
}

beforeAll(async () => {
  db = testDatabase();
  await removeTestNodes();
  await startScaleOut(await freePort());
}, 120_000);

afterAll(async () => {
  if (script && script.exitCode === null && script.signalCode === null) {
    const exited = new Promise((resolve) => script!.once('exit', resolve));
    script.kill('SIGTERM');
    await exited;
  }
  await removeTestNodes();
  await db.close();
}, 30_000);

describe('two instances behind a proxy over one Neo4j', () => {
  it('serves a read through one instance at least at the write another one answered', async () => {
    expect(Object.keys(instances)).toEqual(['1', '2']);
    const written = await post(
      proxy,
      UPSERT_ENTITY,
      {
        input: {
          label: 'Company',
          key: KEY,
          name: 'Scale Out Test Co',
          properties: { kind: 'AI_LAB' },
          evidence: ['Scale Out Test Co buys chips.'],
          sources: ['omdia-2024-hopper-buyers'],
        },
      },
      { authorization: `Bearer ${SECRET}` },
    );
    expect(written.body.data).toEqual({ upsertEntity: { __typename: 'MutationUpsertEntitySuccess', data: { key: KEY } } });
    const token = written.body.extensions!.consistency as string;
    expect(token).toBeTruthy();
    expect(written.token).toBe(token);

    // Round robin: the proxy's next request goes to the other instance.
    const read = `{ company(key: "${KEY}") { key name } }`;
    const viaProxy = await post(proxy, read, {}, { 'x-atlas-consistency': token });
    expect(viaProxy.instance).not.toBe(written.instance);
    expect(viaProxy.body).toMatchObject({ data: { company: { key: KEY, name: 'Scale Out Test Co' } } });

    const other = written.instance === '1' ? '2' : '1';
    const direct = await post(`${instances[other]}/graphql`, read, {}, { 'x-atlas-consistency': token });
    expect(direct.body).toMatchObject({ data: { company: { key: KEY, name: 'Scale Out Test Co' } } });
  });

  it('refuses a malformed token on either instance with BAD_CONSISTENCY_TOKEN and HTTP 400', async () => {
    for (const url of Object.values(instances)) {
      const answer = await post(`${url}/graphql`, '{ __typename }', {}, { 'x-atlas-consistency': 'not-a-token' });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_CONSISTENCY_TOKEN']);
    }
  });

  it('stops the instances and the proxy on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => script!.once('exit', resolve));
    script!.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Each instance logs JSON lines; the last one says it stopped.
    expect(output.join('')).toMatch(/\[instance 1\] \{[^\n]*"msg":"stopped"/);
    expect(output.join('')).toMatch(/\[instance 2\] \{[^\n]*"msg":"stopped"/);
    await expect(fetch(proxy, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 30_000);
});
