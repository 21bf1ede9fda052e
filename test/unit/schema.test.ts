import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../../src/schema/index.js';
import { SCHEMA_FILE } from '../../src/cli/print-schema.js';

describe('schema/schema.graphql', () => {
  it('equals the schema the code builds (run `npm run schema:print` after changing the schema)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });
});
