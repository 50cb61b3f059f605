import { create } from 'zustand';
import { ApiError } from '@/shared/http';
import { loadSlot, type LoadSlot, type LoadStatus } from '../load-slot';

interface State {
  items: string[];
  key: string | null;
  status: LoadStatus;
  error: string | null;
}

const empty: State = { items: [], key: null, status: 'idle', error: null };
const useList = create<State>()(() => empty);
const slot: LoadSlot<State> = loadSlot(() => useList, { status: 'status', error: 'error' });

/** A fetch the test answers by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('loadSlot', () => {
  it('shows loading on the first load, then the answer', async () => {
    const answer = deferred<string[]>();
    const done = slot.load(
      () => answer.promise,
      (items) => ({ items }),
    );
    expect(useList.getState().status).toBe('loading');
    answer.resolve(['a']);
    await done;
    expect(useList.getState()).toMatchObject({ items: ['a'], status: 'ready', error: null });
  });

  it('turns a failed first load into error with its Chinese message', async () => {
    await slot.load(
      () => Promise.reject(new ApiError('FORBIDDEN', 403)),
      (items: string[]) => ({ items }),
    );
    expect(useList.getState()).toMatchObject({ status: 'error', error: '您没有权限进行此操作' });
  });

  it('refreshes in place once shown, and throws a failed refresh instead of hiding what is shown', async () => {
    await slot.load(
      () => Promise.resolve(['a']),
      (items) => ({ items }),
    );
    const answer = deferred<string[]>();
    const refresh = slot.load(
      () => answer.promise,
      (items) => ({ items }),
    );
    expect(useList.getState()).toMatchObject({ items: ['a'], status: 'ready' });
    answer.reject(new ApiError('INTERNAL', 500));
    await expect(refresh).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(useList.getState()).toMatchObject({ items: ['a'], status: 'ready', error: null });
  });

  it('starts over for another key (fresh), clearing what belonged to the old one', async () => {
    await slot.load(
      () => Promise.resolve(['a']),
      (items) => ({ items, key: 'one' }),
    );
    const answer = deferred<string[]>();
    const done = slot.load(
      () => answer.promise,
      (items) => ({ items, key: 'two' }),
      { fresh: true, clear: { key: 'two', items: [] } },
    );
    expect(useList.getState()).toMatchObject({ items: [], key: 'two', status: 'loading' });
    answer.resolve(['b']);
    await done;
    expect(useList.getState()).toMatchObject({ items: ['b'], key: 'two', status: 'ready' });
  });

  it('ignores an answer overtaken by a newer load', async () => {
    const slow = deferred<string[]>();
    const first = slot.load(
      () => slow.promise,
      (items) => ({ items }),
    );
    await slot.load(
      () => Promise.resolve(['new']),
      (items) => ({ items }),
    );
    slow.resolve(['old']);
    await first;
    expect(useList.getState().items).toEqual(['new']);
  });

  it('lets a load still on its way land nowhere after drop() (a session change)', async () => {
    const answer = deferred<string[]>();
    const done = slot.load(
      () => answer.promise,
      (items) => ({ items }),
    );
    slot.drop();
    useList.setState(empty);
    answer.resolve(['someone else’s']);
    await done;
    expect(useList.getState()).toEqual(empty);
  });
});
