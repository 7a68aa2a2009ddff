/**
 * Group commit: items submitted while a commit is running wait and go into the next one together, so many
 * messages share one transaction (and one WAL flush) without waiting on a timer. One commit runs at a time per
 * process, which also keeps the messages of a conversation in arrival order. Each submitter's promise settles after
 * the commit that holds its item. When a group fails, its items are retried one by one, so one bad message cannot
 * fail the others.
 */
export type CommitGroup<T, R> = (items: T[]) => Promise<R[]>;

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class GroupCommitter<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly commit: CommitGroup<T, R>,
    private readonly maxGroupSize = 500,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) this.start();
    });
  }

  /** Settles when everything submitted so far is committed (shutdown). */
  drained(): Promise<void> {
    return this.idle;
  }

  private start() {
    this.running = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    // Let the requests already parsed in this turn of the event loop join the first group.
    setImmediate(() => void this.drain());
  }

  private async drain() {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroupSize);
      try {
        const results = await this.commit(group.map((waiting) => waiting.item));
        for (const [index, waiting] of group.entries()) waiting.resolve(results[index] as R);
      } catch {
        for (const waiting of group) {
          try {
            const [result] = await this.commit([waiting.item]);
            waiting.resolve(result as R);
          } catch (error) {
            waiting.reject(error);
          }
        }
      }
    }
    this.running = false;
    this.markIdle();
  }
}
