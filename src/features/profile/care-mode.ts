import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { stateStorage } from '@/shared/storage';
import { applyCareModeToShell } from './care-mode-shell';

export interface CareModeState {
  /** 关怀模式: larger text (≥ 18px) and tap targets (≥ 48px) on every page; remembered on the device. */
  enabled: boolean;
  setEnabled(enabled: boolean): void;
}

export const useCareMode = create<CareModeState>()(
  persist(
    (set) => ({
      enabled: false,
      setEnabled: (enabled) => set({ enabled }),
    }),
    {
      name: 'sz.care-mode',
      version: 1,
      storage: createJSONStorage(() => stateStorage),
      partialize: ({ enabled }) => ({ enabled }),
    },
  ),
);

export const selectCareMode = (state: CareModeState) => state.enabled;
export const selectSetCareMode = (state: CareModeState) => state.setEnabled;

// Parts of the app drawn outside any page (the H5 tab bar) follow the switch too.
applyCareModeToShell(useCareMode.getState().enabled);
useCareMode.subscribe((state) => applyCareModeToShell(state.enabled));
