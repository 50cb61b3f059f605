/** Keyboard access to scrolling pages. Default: nothing to do (a mini-program page scrolls natively). */
export function installPageFocus(): void {}
