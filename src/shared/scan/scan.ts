/**
 * Reading a QR or bar code with the camera, one signature on every platform; Taro picks
 * `scan.weapp.ts` on WeChat and `scan.h5.ts` on H5. This default (jest, type-checking, other
 * platforms) has no camera: the code is typed in by hand.
 */
export type ScanOutcome =
  | { kind: 'ok'; text: string }
  /** The person closed the scanner. */
  | { kind: 'cancelled' }
  /** No camera scan here (a plain browser): type the code instead. */
  | { kind: 'unavailable' }
  | { kind: 'failed' };

/** Whether `scanCode()` can open a camera scanner on this platform. */
export function canScan(): boolean {
  return false;
}

export async function scanCode(): Promise<ScanOutcome> {
  return { kind: 'unavailable' };
}
