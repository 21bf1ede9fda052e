/**
 * Starts a statement without the call-site stack the driver formats for every one (`new
 * Error().stack` in its Result, to paste into the statement's errors): through tsx's source maps
 * that was about 7 % of the server's CPU on a cheap question (bench/README.md, "Seventh series").
 * A failed statement is still reported with its request, operation and GraphQL path (request-log.ts).
 */
export function withoutCallSite<R>(start: () => R): R {
  const frames = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = frames;
  }
}
