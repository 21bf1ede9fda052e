import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { EntityLabel } from '../../core/model.js';
import { ValidationFailed } from '../../ingest/validate.js';
import type { PublicImporter } from '../importer.js';
import type { Reconciler } from '../reconcile.js';
import type { Statements } from '../statements.js';
import { type DatasetRow, type DatasetTable, sha256Of } from '../table.js';

/**
 * Filers whose EDGAR title is not the graph's name for them, by ticker: reviewed one by one.
 * Alphabet's two share classes are one filer, the company the graph calls Google.
 */
const TICKERS: Record<string, string> = {
  NVDA: 'nvidia',
  MSFT: 'microsoft',
  AMZN: 'amazon',
  GOOGL: 'google',
  GOOG: 'google',
  META: 'meta',
  ORCL: 'oracle',
  BABA: 'alibaba',
  BIDU: 'baidu',
  TSLA: 'tesla',
  HSBC: 'hsbc',
  NMR: 'nomura',
};

const refuse = (file: string, message: string): never => {
  throw new ValidationFailed([{ file, index: -1, item: '(file)', message }]);
};

/**
 * The SEC's ticker file, `{"0":{"cik_str":…,"ticker":…,"title":…},…}` on one line, as rows: each
 * entry with its line and its own text, cut from the file so that the evidence is verbatim.
 */
async function readTickers(file: string): Promise<DatasetTable> {
  const bytes = await readFile(file);
  const text = bytes.toString('utf8');
  let parsed: Record<string, { cik_str: number; ticker: string; title: string }>;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return refuse(file, `is not the SEC's company_tickers.json (not JSON: ${(error as Error).message})`);
  }
  const rows: DatasetRow[] = [];
  let line = 1;
  let read = 0;
  for (const match of text.matchAll(/"(\d+)"\s*:\s*(\{[^{}]*\})/g)) {
    for (; read < match.index; read++) if (text[read] === '\n') line++;
    const entry = parsed[match[1]!];
    if (!entry || !isDeepStrictEqual(JSON.parse(match[2]!), entry) || typeof entry.ticker !== 'string' || typeof entry.title !== 'string') {
      return refuse(file, `entry "${match[1]}" is not {cik_str, ticker, title} as the SEC writes it`);
    }
    rows.push({ line, cells: { entry: match[1]!, cik_str: String(entry.cik_str), ticker: entry.ticker, title: entry.title }, raw: match[0] });
  }
  if (!rows.length || rows.length !== Object.keys(parsed).length)
    refuse(file, "is not the SEC's company_tickers.json: its entries are not {cik_str, ticker, title}");
  return { file, header: ['cik_str', 'ticker', 'title'], rows, sha256: sha256Of(bytes) };
}

/**
 * SEC EDGAR's CIK and tickers as identifiers of companies the graph already has: by the reviewed
 * tickers, else by a filer's exact normalised title naming one existing company. The file lists
 * every one of 10,000 filers, most of them nothing to do with compute; it names companies, it does
 * not introduce them, so a title that matches nothing is skipped rather than made a new company.
 */
const secTickers: PublicImporter = {
  id: 'sec-company-tickers',
  path: 'sec/company_tickers.json',
  title: 'SEC EDGAR company tickers (CIK, ticker and title of each filer)',
  publisher: 'US Securities and Exchange Commission',
  url: 'https://www.sec.gov/search-filings/edgar-search-assistance/accessing-edgar-data',
  license: 'US government data (SEC EDGAR), public domain',
  columns: ['cik_str', 'ticker', 'title'],
  read: readTickers,
  after: ['opensanctions-us-dod-1260h', 'opensanctions-cn-sanctions'],
  build(table: DatasetTable, out: Statements, reconciler: Reconciler) {
    // A filer's tickers (share classes, ADRs) are entries of their own under one CIK.
    const filers = new Map<string, DatasetRow[]>();
    for (const row of table.rows) filers.set(row.cells.cik_str!, [...(filers.get(row.cells.cik_str!) ?? []), row]);
    const claimed = new Set<string>();
    for (const [cik, rows] of filers) {
      const first = rows[0]!;
      const company = companyOf(out, reconciler, rows);
      // A company is one filer: a second CIK for it is a name clash, not a second identity.
      if (!company || claimed.has(company.key)) continue;
      claimed.add(company.key);
      const identifiers = [{ scheme: 'SEC_CIK', value: cik }, ...rows.map((row) => ({ scheme: 'TICKER', value: row.cells.ticker! }))];
      out.attributes(first, first.cells.title!, company.key, company.label, { identifiers }, { evidence: rows.map((row) => row.raw) });
    }
  },
};

function companyOf(out: Statements, reconciler: Reconciler, rows: DatasetRow[]): { key: string; label: EntityLabel } | null {
  const reviewed = rows.map((row) => TICKERS[row.cells.ticker!]).find(Boolean);
  if (reviewed) return { key: reviewed, label: 'Company' };
  const title = rows[0]!.cells.title!;
  if (!reconciler.known(title, ['Company']).length) return null;
  const resolution = reconciler.resolve(out.dataset, title, ['Company']);
  if (resolution.status === 'ambiguous') out.unlinked++;
  return resolution.status === 'matched' ? resolution : null;
}

export const SEC_IMPORTERS: PublicImporter[] = [secTickers];
