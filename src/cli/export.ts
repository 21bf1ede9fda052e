import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config.js';
import { connect } from '../db/connect.js';
import { MAX_NEIGHBORHOOD_DEPTH } from '../graph/paths.js';
import { EXPORT_FILE_NAMES, toGexf, toGraphML, writeCsvExport, writeJsonExport } from '../export/formats.js';
import { exportGraph, type ExportOptions } from '../export/read.js';

// `npm run export -- --format json|csv|graphml|gexf --out PATH [--key KEY --depth N]`: the whole graph, or
// one entity's neighbourhood, from NEO4J_URI or the embedded Neo4j.
const USAGE = `usage: npm run export -- --format json|csv|graphml|gexf --out PATH [--key KEY [--depth 1..${MAX_NEIGHBORHOOD_DEPTH}]]
  json:    PATH is a directory (sources.json, entities.json, ... and sources/<key>.txt)
  csv:     PATH is a directory (sources.csv, entities-<label>.csv, relationships-<type>.csv, ... and sources/<key>.txt)
  graphml, gexf: PATH is a file`;
const FORMATS = ['json', 'csv', 'graphml', 'gexf'] as const;

class UsageError extends Error {
  override name = 'UsageError';
}

interface Command {
  format: (typeof FORMATS)[number];
  out: string;
  options: ExportOptions;
}

const isFormat = (format: string | undefined): format is Command['format'] => FORMATS.some((f) => f === format);

/** parseArgs's own errors (an unknown option, a missing value) are usage errors too. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { format: { type: 'string' }, out: { type: 'string' }, key: { type: 'string' }, depth: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseCommand(args: string[]): Command {
  const { format, out, key, depth } = parseOptions(args);
  if (!isFormat(format)) {
    throw new UsageError(format === undefined ? '--format is required' : `--format must be json, csv, graphml or gexf, got "${format}"`);
  }
  if (!out) throw new UsageError('--out is required');
  if (depth !== undefined && key === undefined) throw new UsageError('--depth needs --key');
  if (key === undefined) return { format, out, options: {} };
  const hops = Number(depth ?? 1);
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_NEIGHBORHOOD_DEPTH) {
    throw new UsageError(`--depth must be an integer from 1 to ${MAX_NEIGHBORHOOD_DEPTH}, got "${depth}"`);
  }
  return { format, out, options: { center: { key, depth: hops } } };
}

try {
  // Arguments are checked before connecting, so a typo never waits for Neo4j to start.
  const { format, out, options } = parseCommand(process.argv.slice(2));
  const connection = await connect(loadConfig(), (line) => console.error(line));
  try {
    const graph = await exportGraph(connection.db, options);
    const counts = EXPORT_FILE_NAMES.map((kind) => `${graph[kind].length} ${kind}`).join(', ');
    const scope = options.center ? `the ${options.center.depth}-hop neighbourhood of "${options.center.key}"` : 'the whole graph';
    console.log(`exported ${scope}: ${counts}, ${graph.texts.size} source texts`);
    if (format === 'json' || format === 'csv') {
      for (const file of await (format === 'json' ? writeJsonExport : writeCsvExport)(graph, out)) console.log(`wrote ${file}`);
    } else {
      await mkdir(path.dirname(path.resolve(out)), { recursive: true });
      await writeFile(out, format === 'gexf' ? toGexf(graph) : toGraphML(graph));
      console.log(`wrote ${out}`);
    }
  } finally {
    await connection.close();
  }
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  // A failure to connect or export is the user's to act on; a stack trace would bury what to do.
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
