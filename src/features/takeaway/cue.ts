/**
 * The board's cue when new orders arrive. Platform files: `cue.h5.ts` beeps through WebAudio,
 * `cue.weapp.ts` vibrates (a sound would need an audio file in the package). This default (jest,
 * other platforms) does nothing.
 */
export function playNewOrderCue(): void {}

/** Called from a tap, so browsers that need a gesture before sound allow it later. */
export function unlockCue(): void {}
