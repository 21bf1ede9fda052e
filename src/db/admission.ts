/** A first-come, first-served counting semaphore. */
export class Slots {
  private taken = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Slots held, and takers waiting for one. */
  get use(): { running: number; waiting: number } {
    return { running: this.taken, waiting: this.queue.length };
  }

  /** Waits for a free slot; the returned function gives it back. */
  async take(): Promise<() => void> {
    if (this.taken >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.taken++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      // A waiter inherits the slot directly, so a newcomer cannot overtake the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.taken--;
    };
  }
}

/**
 * Which queue a statement waits in: `heavy` for the statements of an operation priced at or above
 * the heavy threshold (a broad search, a deep neighbourhood, an exposure), `light` for the rest.
 */
export type Lane = 'light' | 'heavy';

export interface AdmissionUse {
  running: number;
  waiting: number;
  heavyRunning: number;
  heavyWaiting: number;
}

/**
 * A statement let in. It holds its place in the heavy lane until the database has answered it, and
 * its connection until its session is closed.
 */
export interface Admitted {
  /**
   * The database has sent the last record: the heavy lane admits its next statement now, while this
   * one's commit and session close (Bolt round trips, and waits for Node's event loop, that cost the
   * database nothing) still hold the connection.
   */
  answered(): void;
  /** The connection is free again (and the statement answered, if it was not yet). */
  release(): void;
}

/**
 * Admits statements to the database in two lanes. At most `size` statements hold a connection at
 * once (the pool); of those, at most `heavySize` statements of heavy operations are being worked on
 * by the database. A freed place goes to the oldest light statement first, then to the oldest heavy
 * one. So expensive questions queue among themselves, each at close to its solo speed, instead of
 * sharing the database's cores with every other request (where a key lookup took as long as the
 * dearest statement beside it), and a cheap question never waits behind them. Within a lane the
 * order is arrival order: no statement starves.
 */
export class Admission {
  private running = 0;
  private heavyRunning = 0;
  private readonly waiting: Record<Lane, (() => void)[]> = { light: [], heavy: [] };

  constructor(
    private readonly size: number,
    private readonly heavySize: number,
  ) {}

  get use(): AdmissionUse {
    return {
      running: this.running,
      waiting: this.waiting.light.length + this.waiting.heavy.length,
      heavyRunning: this.heavyRunning,
      heavyWaiting: this.waiting.heavy.length,
    };
  }

  /** Waits for the lane to admit one statement. */
  async take(lane: Lane): Promise<Admitted> {
    // Waiters are admitted the moment a place frees (admitWaiting), so a newcomer that finds room
    // overtakes nobody of its own lane.
    if (this.fits(lane)) this.enter(lane);
    else await new Promise<void>((admitted) => this.waiting[lane].push(admitted));
    let inHeavyLane = lane === 'heavy';
    let released = false;
    const answered = () => {
      if (!inHeavyLane) return;
      inHeavyLane = false;
      this.heavyRunning--;
      this.admitWaiting();
    };
    return {
      answered,
      release: () => {
        if (released) return;
        released = true;
        answered();
        this.running--;
        this.admitWaiting();
      },
    };
  }

  private fits(lane: Lane): boolean {
    return this.running < this.size && (lane === 'light' || this.heavyRunning < this.heavySize);
  }

  private enter(lane: Lane): void {
    this.running++;
    if (lane === 'heavy') this.heavyRunning++;
  }

  private admitWaiting(): void {
    for (const lane of ['light', 'heavy'] as const) {
      const queue = this.waiting[lane];
      while (queue.length && this.fits(lane)) {
        this.enter(lane);
        queue.shift()!();
      }
    }
  }
}
