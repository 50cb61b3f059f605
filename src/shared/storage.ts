/**
 * The one storage wrapper: Taro's synchronous device storage (wx storage on mini-programs,
 * localStorage on H5). Values are JSON; a missing or unreadable key reads as `undefined`.
 */
import Taro from '@tarojs/taro';
import type { StateStorage } from 'zustand/middleware';

export const storage = {
  get<T>(key: string): T | undefined {
    try {
      const raw: unknown = Taro.getStorageSync(key);
      if (raw === '' || raw === null || raw === undefined) return undefined;
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
    } catch {
      return undefined;
    }
  },
  set(key: string, value: unknown): void {
    try {
      Taro.setStorageSync(key, JSON.stringify(value));
    } catch {
      // Storage full or unavailable (private mode): the app keeps working, just forgets on restart.
    }
  },
  remove(key: string): void {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // Nothing to do: a key that cannot be removed is as good as gone for the next read.
    }
  },
};

/** Adapter for zustand's `persist` middleware (`createJSONStorage(() => stateStorage)`). */
export const stateStorage: StateStorage = {
  getItem(name) {
    try {
      const raw: unknown = Taro.getStorageSync(name);
      return typeof raw === 'string' && raw !== '' ? raw : null;
    } catch {
      return null;
    }
  },
  setItem(name, value) {
    try {
      Taro.setStorageSync(name, value);
    } catch {
      // See storage.set.
    }
  },
  removeItem(name) {
    try {
      Taro.removeStorageSync(name);
    } catch {
      // See storage.remove.
    }
  },
};
