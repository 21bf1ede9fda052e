import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printedSchema } from '../schema/index.js';

// `npm run schema:print` rewrites the checked-in SDL; test/unit/schema.test.ts fails when it is stale.
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
