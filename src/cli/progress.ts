/**
 * A one-line progress bar on a terminal; on a pipe or in CI, a plain line now and then instead,
 * so logs stay readable.
 */
export class Progress {
  private done = 0;
  private lastLogged = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  add(count: number): void {
    this.done += count;
    const line = this.line();
    if (this.stream.isTTY) this.stream.write(`\r${line}`);
    else if (this.done === this.total || Date.now() - this.lastLogged > 2000) {
      this.stream.write(`${line}\n`);
      this.lastLogged = Date.now();
    }
  }

  end(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }

  private line(): string {
    const fraction = this.total ? Math.min(1, this.done / this.total) : 1;
    const width = 30;
    const bar = '█'.repeat(Math.round(fraction * width)).padEnd(width, '░');
    const rate = this.done / Math.max(0.001, (Date.now() - this.started) / 1000);
    return `${this.label.padEnd(14).slice(0, 14)} ${bar} ${String(this.done).padStart(9)}/${this.total} ${Math.round(rate)}/s`;
  }
}
