import { gql } from '../lib/api.js';
import { ENTITY_REF, FIGURE } from '../lib/fragments.js';
import type { FigurePeriodsQuery, GroupFiguresQuery } from '../lib/generated.js';

// What the figures view needs beyond the totals: which periods have company figures of the metric,
// the figures of a period that no total adds (bounds, ranges, other units) and the figures the
// sources state for groups of companies. The API has no list of figures by metric, so the
// companies are read a page at a time, with only the few fields this needs.

const FIGURE_PERIODS = `query FigurePeriods($metric: FinancialMetric!, $after: String) {
  companies(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { ${ENTITY_REF} groups { key } financials(metric: $metric) { key period value valueMax unit stated qualifier estimate } } }
  }
}`;

const GROUP_FIGURES = `query GroupFigures($key: String!, $metric: FinancialMetric!, $period: String!) {
  entity(key: $key) { ${ENTITY_REF} financials(metric: $metric, period: $period) { ${FIGURE} } }
}`;

type CompanyNode = FigurePeriodsQuery['companies']['edges'][number]['node'];
export type CompanyFigure = CompanyNode['financials'][number] & { subject: Omit<CompanyNode, 'groups' | 'financials'> };
export type GroupFigure = NonNullable<GroupFiguresQuery['entity']>['financials'][number];

export interface MetricScan {
  /** Every period with a company figure of the metric, newest first. */
  periods: string[];
  figures: CompanyFigure[];
  /** Groups the companies with figures are reported in. */
  groupKeys: string[];
}

const scans = new Map<string, Promise<MetricScan>>();

/** Every company figure of a metric (once per page load: the answer only changes with the graph). */
export function scanMetric(metric: string): Promise<MetricScan> {
  let scan = scans.get(metric);
  if (!scan) {
    scan = readAll(metric);
    scans.set(metric, scan);
    scan.catch(() => scans.delete(metric));
  }
  return scan;
}

async function readAll(metric: string): Promise<MetricScan> {
  const figures: CompanyFigure[] = [];
  const groupKeys = new Set<string>();
  let after: string | null = null;
  do {
    const { companies }: FigurePeriodsQuery = await gql<FigurePeriodsQuery>(FIGURE_PERIODS, { metric, after });
    for (const { node } of companies.edges) {
      if (!node.financials.length) continue;
      const { groups, financials, ...subject } = node;
      for (const group of groups) groupKeys.add(group.key);
      for (const figure of financials) figures.push({ ...figure, subject });
    }
    after = companies.pageInfo.hasNextPage ? companies.pageInfo.endCursor : null;
  } while (after);
  const periods = [...new Set(figures.map((figure) => figure.period).filter((period): period is string => Boolean(period)))].sort((a, b) => b.localeCompare(a));
  return { periods, figures, groupKeys: [...groupKeys].sort() };
}

/** The figures the sources state for these groups for one metric and period. */
export async function groupFigures(groupKeys: string[], metric: string, period: string): Promise<GroupFigure[]> {
  const answers = await Promise.all(groupKeys.map((key) => gql<GroupFiguresQuery>(GROUP_FIGURES, { key, metric, period })));
  return answers.flatMap(({ entity }) => entity?.financials ?? []);
}
