/**
 * `task` run at most once at a time: a call while it runs asks for one more run after it, however
 * many calls came in between. A burst of events (a run's start, its schema change, its end)
 * then costs two reads of the API, not one per event.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return run;
}
