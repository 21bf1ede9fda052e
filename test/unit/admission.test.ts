import { describe, expect, it } from 'vitest';
import { Admission, type Lane } from '../../src/db/admission.js';

/** Lets admitted waiters resume: they do on the next turns of the microtask queue. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** Takes a slot in `lane` and records, in `order`, when it was admitted; the slot is held until released. */
function taker(admission: Admission, order: string[]) {
  const held = new Map<string, () => void>();
  const take = (name: string, lane: Lane) =>
    admission.take(lane).then(({ release }) => {
      order.push(name);
      held.set(name, release);
    });
  const release = async (name: string) => {
    held.get(name)!();
    await settled();
  };
  return { take, release };
}

describe('Admission: two lanes of statements', () => {
  it('runs at most heavySize heavy statements at once, and lets light ones past the heavy queue', async () => {
    const admission = new Admission(3, 1);
    const order: string[] = [];
    const { take, release } = taker(admission, order);
    void take('heavy-1', 'heavy');
    void take('heavy-2', 'heavy');
    void take('heavy-3', 'heavy');
    await settled();
    expect(order).toEqual(['heavy-1']);
    expect(admission.use).toEqual({ running: 1, waiting: 2, heavyRunning: 1, heavyWaiting: 2 });

    void take('light-1', 'light');
    void take('light-2', 'light');
    await settled();
    expect(order).toEqual(['heavy-1', 'light-1', 'light-2']);

    await release('heavy-1');
    expect(order.at(-1)).toBe('heavy-2');
    await release('heavy-2');
    expect(order.at(-1)).toBe('heavy-3');
    expect(admission.use).toEqual({ running: 3, waiting: 0, heavyRunning: 1, heavyWaiting: 0 });
  });

  it('gives a freed slot to the oldest light statement before any heavy one, in arrival order within a lane', async () => {
    const admission = new Admission(2, 2);
    const order: string[] = [];
    const { take, release } = taker(admission, order);
    void take('a', 'heavy');
    void take('b', 'heavy');
    void take('heavy-waiting', 'heavy');
    void take('light-1', 'light');
    void take('light-2', 'light');
    await settled();
    expect(order).toEqual(['a', 'b']);

    await release('a');
    expect(order).toEqual(['a', 'b', 'light-1']);
    await release('b');
    expect(order).toEqual(['a', 'b', 'light-1', 'light-2']);
    await release('light-1');
    expect(order.at(-1)).toBe('heavy-waiting');
  });

  it('gives a slot back once, however often its release is called', async () => {
    const admission = new Admission(1, 1);
    const { release } = await admission.take('heavy');
    release();
    release();
    expect(admission.use).toEqual({ running: 0, waiting: 0, heavyRunning: 0, heavyWaiting: 0 });
  });

  it('admits the next heavy statement once the database has answered one, while its connection is still held', async () => {
    const admission = new Admission(3, 1);
    const first = await admission.take('heavy');
    let secondIn = false;
    const second = admission.take('heavy').then((admitted) => {
      secondIn = true;
      return admitted;
    });
    await settled();
    expect(secondIn).toBe(false);

    first.answered();
    first.answered();
    await settled();
    expect(secondIn).toBe(true);
    expect(admission.use).toEqual({ running: 2, waiting: 0, heavyRunning: 1, heavyWaiting: 0 });

    first.release();
    (await second).release();
    expect(admission.use).toEqual({ running: 0, waiting: 0, heavyRunning: 0, heavyWaiting: 0 });
  });

  it('still bounds the connections: an answered statement holds its place in the pool until released', async () => {
    const admission = new Admission(1, 1);
    const first = await admission.take('heavy');
    first.answered();
    let lightIn = false;
    void admission.take('light').then(() => {
      lightIn = true;
    });
    await settled();
    expect(lightIn).toBe(false);
    first.release();
    await settled();
    expect(lightIn).toBe(true);
  });
});
