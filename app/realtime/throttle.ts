export interface Throttled {
  (): void;
  cancel: () => void;
}

/**
 * Runs `run` at most once per `intervalMs`: a call after a quiet interval runs it at once, and the calls that come
 * within the interval are gathered into one run at its end.
 */
export function throttle(run: () => void, intervalMs: number): Throttled {
  let lastRunAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const runNow = () => {
    timer = undefined;
    lastRunAt = Date.now();
    run();
  };
  const throttled = () => {
    if (timer !== undefined) return;
    const wait = lastRunAt + intervalMs - Date.now();
    if (wait <= 0) runNow();
    else timer = setTimeout(runNow, wait);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
