/**
 * H5. Inside 浙政钉 (user agent has TaurusApp or DingTalk): gdt-jsapi `scan`, imported lazily and
 * only here (it touches `navigator` when loaded). `Taro.scanCode` would call WeChat's JS-SDK, which
 * 浙政钉 does not have. A plain browser has no camera scan: the code is typed in.
 */
import type { ScanOutcome } from './scan';

export type { ScanOutcome };

function inZzd(): boolean {
  return typeof navigator !== 'undefined' && /TaurusApp|DingTalk/i.test(navigator.userAgent);
}

export function canScan(): boolean {
  return inZzd();
}

export async function scanCode(): Promise<ScanOutcome> {
  if (!inZzd()) return { kind: 'unavailable' };
  try {
    const { default: scan } = await import('gdt-jsapi/es/scan');
    const result = await scan({ type: 'qrCode' });
    return result?.text ? { kind: 'ok', text: result.text } : { kind: 'cancelled' };
  } catch (error) {
    const message = String(
      (error as { errorMessage?: string; message?: string } | undefined)?.errorMessage ??
        (error as Error)?.message ??
        '',
    );
    return /cancel|取消/i.test(message) ? { kind: 'cancelled' } : { kind: 'failed' };
  }
}
