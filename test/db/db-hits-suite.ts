import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbHitsProbe, emptyFields, type DbHits, type DbHitsGraph, type Measurement } from '../../bench/db-hits.js';
import type { GraphQLQuestion } from '../../bench/cases/bench-case.js';
import type { Database } from '../../src/db/database.js';
import { limits, testDatabase } from '../helpers.js';

// Db hits, unlike timings, do not depend on the machine or its load: a slower plan shows up here.
const TOLERANCE = 0.1;

const percent = (measured: number, record: number) => `${measured >= record ? '+' : ''}${(((measured - record) / record) * 100).toFixed(1)} %`;

function perStatement(measured: Measurement): string {
  return measured.profiles.map((p) => `  ${p.dbHits} db hits, ${p.rows} rows: ${p.cypher.replace(/\s+/g, ' ').slice(0, 100)}`).join('\n');
}

/**
 * Asks the graph's questions on the suite's database (test/db/db-hits.test.ts: the seed graph;
 * db-hits-datasets.test.ts: the seed and the public datasets) and fails when one answers with
 * errors or nothing, sends more statements than its record, or costs more than 10 % over its
 * recorded db hits, or when the record and the questions name different questions.
 * Returns the file's connection, for checks of its own.
 */
export function describeDbHits(graph: DbHitsGraph): { readonly db: Database } {
  const recordFile = path.relative(process.cwd(), graph.recordFile);
  const rerecord = `If the change is intended, re-record with \`${graph.recordCommand}\` and commit ${recordFile}.`;
  let db: Database | undefined;
  let probe: (question: GraphQLQuestion) => Promise<Measurement>;
  let recorded: Record<string, DbHits>;

  beforeAll(async () => {
    db = testDatabase();
    probe = await dbHitsProbe(db, limits);
    recorded = JSON.parse(await readFile(graph.recordFile, 'utf8')) as Record<string, DbHits>;
  });
  afterAll(() => db?.close());

  describe(`db hits of ${graph.description}, against ${recordFile}`, () => {
    it(`has a record for every question, and none for a question that is gone`, () => {
      const names = graph.questions.map((question) => question.name);
      expect(names.length, `${graph.questionsFile} asks no question`).toBeGreaterThan(0);
      expect(
        { withoutRecord: names.filter((name) => !(name in recorded)), noLongerAsked: Object.keys(recorded).filter((name) => !names.includes(name)) },
        `${recordFile} does not match the questions of ${graph.questionsFile}: run \`${graph.recordCommand}\``,
      ).toEqual({ withoutRecord: [], noLongerAsked: [] });
    });

    it.each(graph.questions)('$name: db hits at most 10 % over the record, statements no more', async (question) => {
      const measured = await probe(question);
      expect(measured.errors, `"${question.name}" answered with errors: ${JSON.stringify(measured.errors)}`).toBeUndefined();
      // An answer that holds nothing costs little: the question no longer asks what was recorded.
      expect(emptyFields(measured.data), `"${question.name}" answered nothing: ${JSON.stringify(measured.data)}`).toEqual([]);
      const record = recorded[question.name];
      expect(record, `"${question.name}" has no record in ${recordFile}: run \`${graph.recordCommand}\``).toBeDefined();
      const { statements, dbHits, rows } = record!;
      const summary =
        `"${question.name}": ${measured.dbHits} db hits, recorded ${dbHits} (${percent(measured.dbHits, dbHits)}); ` +
        `${measured.statements} statements, recorded ${statements}; ${measured.rows} rows, recorded ${rows}.`;
      expect(measured.statements, `${summary} More statements per request than recorded. ${rerecord}\n${perStatement(measured)}`).toBeLessThanOrEqual(
        statements,
      );
      expect(measured.dbHits, `${summary} More than 10 % over the record. ${rerecord}\n${perStatement(measured)}`).toBeLessThanOrEqual(
        dbHits * (1 + TOLERANCE),
      );
      if (measured.dbHits < dbHits * (1 - TOLERANCE)) console.log(`${summary} The record can be lowered: \`${graph.recordCommand}\`.`);
    });
  });

  return {
    get db() {
      return db!;
    },
  };
}
