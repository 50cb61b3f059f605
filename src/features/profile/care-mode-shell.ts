/**
 * Care mode outside the pages. Default: nothing to do (a mini-program's tab bar is native and
 * keeps its own size). H5 resolves `care-mode-shell.h5.ts`.
 */
export function applyCareModeToShell(_enabled: boolean): void {}
