/** What a test's WebSocket receives, kept in arrival order, with a wait for the frames a test expects. */
import WebSocket from 'ws';

export function receiveFrames<F extends { type: string }>(
  socket: WebSocket,
  /** Names the socket in a timeout's error. */
  name: string,
  parse: (data: string) => F,
) {
  const frames: F[] = [];
  // Woken on every frame, so that a wait re-checks at once instead of polling.
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    frames.push(parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    frames,
    /** Waits until `done` holds for the frames received so far. */
    async until(done: (received: F[]) => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = performance.now() + timeoutMs;
      while (!done(frames)) {
        const left = deadline - performance.now();
        if (left <= 0)
          throw new Error(`${name}: timed out with frames ${JSON.stringify(frames.map((f) => f.type))}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

/** Closes the socket and resolves once it is closed (at once if it already is). */
export function closeSocket(socket: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once('close', () => resolve());
    socket.close();
  });
}
