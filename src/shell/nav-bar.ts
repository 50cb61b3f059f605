/**
 * The title bar outside the pages. Default: nothing to do (a mini-program's bar is native, with
 * its own back button). H5 resolves `nav-bar.h5.ts`.
 */
export function installNavBar(): void {}
