/**
 * jest: zustand as usual, but every store made with `create` or `createStore` is remembered with
 * its initial state and put back after each test. Recipe from the zustand testing guide; the
 * afterEach lives here because this module instance (jest's mock registry) is the one holding
 * the stores. src/test-setup.ts turns it on with `jest.mock('zustand')`.
 */
import { act } from '@testing-library/react';
import type * as Zustand from 'zustand';

const actual = jest.requireActual<typeof Zustand>('zustand');

const resets = new Set<() => void>();

function track<S>(store: { getInitialState: () => S; setState: (state: S, replace: true) => void }) {
  const initial = store.getInitialState();
  resets.add(() => store.setState(initial, true));
  return store;
}

const createUncurried = <T>(initializer: Zustand.StateCreator<T>) => track(actual.create(initializer));

export const create = (<T>(initializer?: Zustand.StateCreator<T>) =>
  initializer === undefined ? createUncurried : createUncurried(initializer)) as typeof Zustand.create;

const createStoreUncurried = <T>(initializer: Zustand.StateCreator<T>) => track(actual.createStore(initializer));

export const createStore = (<T>(initializer?: Zustand.StateCreator<T>) =>
  initializer === undefined ? createStoreUncurried : createStoreUncurried(initializer)) as typeof Zustand.createStore;

export const { useStore } = actual;

afterEach(() => {
  act(() => {
    for (const reset of resets) reset();
  });
});
