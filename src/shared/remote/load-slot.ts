import { errorMessage } from '@/shared/http';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Names of the fields of `S` whose type is `V`. */
type KeysOf<S, V> = { [K in keyof S]: S[K] extends V ? (V extends S[K] ? K : never) : never }[keyof S];

export interface LoadSlot<S> {
  /**
   * Reads from the server into the store. While nothing is shown (`fresh`, or status not `ready`)
   * the slot shows `loading` with `clear` applied, and a failure becomes `error` plus its Chinese
   * message; once something is shown a reload refreshes it in place and a failure is thrown to the
   * caller (the screen toasts it) instead of replacing what is on screen. An answer that a newer
   * load or `drop()` has overtaken is ignored.
   */
  load<T>(
    fetch: () => Promise<T>,
    apply: (data: T) => Partial<S>,
    options?: { fresh?: boolean; clear?: Partial<S> },
  ): Promise<void>;
  /** Lets any load still on its way land nowhere (session change, or a local write that wins). */
  drop(): void;
}

/** What a slot needs of a zustand store (`useX` itself). */
export interface StoreLike<S> {
  getState(): S;
  setState(partial: Partial<S>): void;
}

/**
 * One loading state of a zustand store: a `LoadStatus` field and an error field of the store,
 * guarded by a sequence number so that late answers never overwrite newer ones. `store` is read
 * when a load runs, so the slot can be made before the store it serves:
 * `const slot: LoadSlot<MyState> = loadSlot(() => useMine, { status: 'status', error: 'error' })`
 * (the annotation breaks the type cycle between the slot and the store).
 */
export function loadSlot<S>(
  store: () => StoreLike<S>,
  keys: { status: KeysOf<S, LoadStatus>; error: KeysOf<S, string | null> },
): LoadSlot<S> {
  let seq = 0;
  const set = (partial: Partial<S>) => store().setState(partial);
  const get = () => store().getState();
  const mark = (status: LoadStatus, error: string | null) =>
    ({ [keys.status]: status, [keys.error]: error }) as Partial<S>;
  return {
    // Promise chains rather than async/await: the ES5 build turns each async function into a
    // regenerator state machine, and this helper sits in the main package (messages).
    load(fetch, apply, options) {
      const mine = ++seq;
      const shown = !options?.fresh && get()[keys.status] === 'ready';
      if (!shown) set({ ...options?.clear, ...mark('loading', null) });
      return fetch().then(
        (data) => {
          if (mine === seq) set({ ...apply(data), ...mark('ready', null) });
        },
        (error: unknown) => {
          if (mine !== seq) return;
          if (shown) throw error;
          set(mark('error', errorMessage(error)));
        },
      );
    },
    drop() {
      seq += 1;
    },
  };
}
