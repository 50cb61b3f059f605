/**
 * Work still running that a shutdown should let finish: `hold` keeps a promise until it settles,
 * `settled` waits for everything held (including work started meanwhile), at most `maxMs`.
 */
export interface InFlight {
  /** Keeps `work` until it settles; answers `work` itself. */
  hold<T>(work: Promise<T>): Promise<T>;
  settled(maxMs?: number): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    hold(work) {
      running.add(work);
      const done = () => running.delete(work);
      work.then(done, done);
      return work;
    },
    async settled(maxMs) {
      const finished = (async () => {
        while (running.size > 0) await Promise.allSettled([...running]);
      })();
      if (maxMs === undefined) return finished;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, maxMs)))]);
      clearTimeout(timer);
    },
  };
}
