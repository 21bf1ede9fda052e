import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCases, type BenchCase } from '../../bench/cases.js';
import { SEED_KEYS } from '../../bench/keys.js';
import { dbHitsProbe, RECORD_COMMAND, RECORD_FILE, type DbHits, type Measurement } from '../../bench/db-hits.js';
import type { Database } from '../../src/db/database.js';
import { limits, testDatabase } from '../helpers.js';

// Db hits, unlike timings, do not depend on the machine or its load: a slower plan shows up here.
const TOLERANCE = 0.1;
const RERECORD = `If the change is intended, re-record with \`${RECORD_COMMAND}\` and commit bench/db-hits.json.`;

const questions = benchCases(SEED_KEYS);
let db: Database | undefined;
let probe: (question: BenchCase) => Promise<Measurement>;
let recorded: Record<string, DbHits>;

beforeAll(async () => {
  db = testDatabase();
  probe = await dbHitsProbe(db, limits);
  recorded = JSON.parse(await readFile(RECORD_FILE, 'utf8')) as Record<string, DbHits>;
});
afterAll(() => db?.close());

const percent = (measured: number, record: number) => `${measured >= record ? '+' : ''}${(((measured - record) / record) * 100).toFixed(1)} %`;

function perStatement(measured: Measurement): string {
  return measured.profiles.map((p) => `  ${p.dbHits} db hits, ${p.rows} rows: ${p.cypher.replace(/\s+/g, ' ').slice(0, 100)}`).join('\n');
}

describe('db hits of the reference questions (bench/cases.ts), against bench/db-hits.json', () => {
  it('has a record for every reference question, and none for a question that is gone', () => {
    const names = questions.map((question) => question.name);
    expect(
      { withoutRecord: names.filter((name) => !(name in recorded)), noLongerAsked: Object.keys(recorded).filter((name) => !names.includes(name)) },
      `bench/db-hits.json does not match the questions of bench/cases.ts: run \`${RECORD_COMMAND}\``,
    ).toEqual({ withoutRecord: [], noLongerAsked: [] });
  });

  it.each(questions)('$name: db hits at most 10 % over the record, statements no more', async (question) => {
    const measured = await probe(question);
    expect(measured.errors, `"${question.name}" answered with errors: ${JSON.stringify(measured.errors)}`).toBeUndefined();
    const record = recorded[question.name];
    expect(record, `"${question.name}" has no record in bench/db-hits.json: run \`${RECORD_COMMAND}\``).toBeDefined();
    const { statements, dbHits, rows } = record!;
    const summary =
      `"${question.name}": ${measured.dbHits} db hits, recorded ${dbHits} (${percent(measured.dbHits, dbHits)}); ` +
      `${measured.statements} statements, recorded ${statements}; ${measured.rows} rows, recorded ${rows}.`;
    expect(measured.statements, `${summary} More statements per request than recorded. ${RERECORD}\n${perStatement(measured)}`).toBeLessThanOrEqual(statements);
    expect(measured.dbHits, `${summary} More than 10 % over the record. ${RERECORD}\n${perStatement(measured)}`).toBeLessThanOrEqual(dbHits * (1 + TOLERANCE));
    if (measured.dbHits < dbHits * (1 - TOLERANCE)) console.log(`${summary} The record can be lowered: \`${RECORD_COMMAND}\`.`);
  });
});
