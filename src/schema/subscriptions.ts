import type { ChangeSetRecord } from '../graph/history.js';
import { changeFeedOf, TooManySubscribersError } from '../graph/change-feed.js';
import { clientError } from '../core/errors.js';
import { builder } from './builder.js';
import { ChangeSetRef } from './changes.js';

builder.subscriptionType({
  description:
    'Live updates, served over Server-Sent Events: send the subscription with `Accept: text/event-stream` (GET or POST to /graphql) and read one `next` event per update.',
});

/**
 * The change sets committed after the subscription started. The place among the feed's subscribers
 * is taken before the answer starts (so a refusal is an ordinary error answer) and freed when the
 * client goes away.
 */
async function subscribeToChangeSets(feed: ReturnType<typeof changeFeedOf>): Promise<AsyncIterableIterator<ChangeSetRecord>> {
  const queued: ChangeSetRecord[] = [];
  let wake: (() => void) | undefined;
  let stop: () => void;
  let stopped = false;
  try {
    stop = await feed.listen((change) => {
      queued.push(change);
      wake?.();
    });
  } catch (error) {
    if (!(error instanceof TooManySubscribersError)) throw error;
    throw clientError(
      'TOO_MANY_SUBSCRIPTIONS',
      `This service already serves ${error.limit} subscriptions, its limit; retry later or poll \`changes(since:)\` instead.`,
      {
        limit: error.limit,
      },
    );
  }
  // An iterator of its own rather than a generator: a generator never started ignores return(), and
  // a client that leaves before the first change set must free its place too.
  const changes: AsyncIterableIterator<ChangeSetRecord> = {
    [Symbol.asyncIterator]: () => changes,
    next: async () => {
      while (queued.length === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      return stopped ? { done: true, value: undefined } : { done: false, value: queued.shift()! };
    },
    return: async () => {
      stopped = true;
      stop();
      wake?.();
      return { done: true, value: undefined };
    },
  };
  return changes;
}

builder.subscriptionFields((t) => ({
  changeSets: t.field({
    type: ChangeSetRef,
    description:
      'Each write (change set) committed from now on, oldest first: writes through this instance arrive at once, writes through other instances on the same database within about a second. Refused with TOO_MANY_SUBSCRIPTIONS when the service is at its limit of open subscriptions. To catch up on what happened before subscribing, read `changes(since:)`.',
    subscribe: (_root, _args, ctx) => subscribeToChangeSets(changeFeedOf(ctx.db)),
    resolve: (change) => change,
  }),
}));
