/**
 * What query fields cost against MAX_QUERY_COMPLEXITY (one unit ~ one field of a page), and how much
 * some of them return. A plain field costs 1 and a list 5 times what it holds (builder.ts); the
 * fields below are priced for the traversal they start, so a request holds only a few of them
 * however it aliases them. The README's "What a query costs" gives these figures to clients: keep the two in step.
 */

/** Pages hold this many items when `first` is omitted: a screenful, and cheap to price. */
export const DEFAULT_PAGE_SIZE = 20;

/** A page is priced as at most this many items, the largest MAX_PAGE_SIZE; a larger `first` is refused by its own check. */
export const PRICED_PAGE_SIZE_CAP = 1_000;

/** exposure walks chip, family, variants, policies and their targets for every user of the chip: the dearest question. */
export const EXPOSURE_COST = 1_500;

/** A shortest-path search widens with every hop and repeats for every path asked for. */
export const PATHS_COST_PER_HOP_AND_PATH = 100;

/** paths returns at most this many paths: each one is a search of its own. */
export const MAX_PATHS = 25;

/** A neighbourhood of depth 1 touches every link of one entity. */
export const NEIGHBORHOOD_COST_DEPTH_1 = 500;

/** Each further level multiplies what a neighbourhood can touch by about this; the drawing itself is one projection. */
export const NEIGHBORHOOD_COST_GROWTH = 5;

/** A neighbourhood returns at most this many relationships (Subgraph.truncated says when it was cut): what a graph view can draw. */
export const NEIGHBORHOOD_LIMIT = 500;

/** A full-text search ranks every hit before it cuts the page, so it costs more than a page of the same size. */
export const SEARCH_COST = 250;

/** A total that lists its members or keeps to some sources is summed live from every figure of the metric and period. */
export const TOTALS_COST = 1_000;

/** conflicts groups every claim and figure of the graph (or of one subject), whatever the page asks for. */
export const CONFLICTS_COST = 500;

/** What each conflict holds (values, sources, sentences) is priced once per this many conflicts of the page. */
export const CONFLICTS_PER_PRICE_STEP = 10;
