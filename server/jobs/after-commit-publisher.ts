import type { RealtimePublisher } from "../context";

/**
 * A realtime publisher for consumers that holds their pushes until the delivery's transaction has
 * committed. A push sent from inside the transaction would reach a page that then re-reads the
 * database before the commit and sees nothing new; a push from a handler that rolled back would
 * announce something that never happened. So each handler run records into its own buffer, kept when
 * the handler succeeds and dropped when it fails, and the runner flushes what was kept after COMMIT.
 */
export class AfterCommitPublisher {
  private kept: (() => void)[] = [];

  constructor(private readonly target: RealtimePublisher) {}

  /** A publisher for one handler run, and what to do with its pushes once the run's fate is known. */
  forHandler(): { publisher: RealtimePublisher; keep: () => void } {
    const pending: (() => void)[] = [];
    const publisher: RealtimePublisher = {
      toUser: (userId, event, payload) => void pending.push(() => this.target.toUser(userId, event, payload)),
      toRoom: (room, event, payload) => void pending.push(() => this.target.toRoom(room, event, payload)),
      disconnectUser: (userId) => void pending.push(() => this.target.disconnectUser(userId)),
    };
    return { publisher, keep: () => void this.kept.push(...pending) };
  }

  /** Sends every kept push, once the transaction has committed. */
  flush(): void {
    const pushes = this.kept;
    this.kept = [];
    for (const push of pushes) push();
  }
}
