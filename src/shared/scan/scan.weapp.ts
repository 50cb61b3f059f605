/** WeChat: the mini-program's own scanner (`Taro.scanCode`), camera only. */
import Taro from '@tarojs/taro';
import type { ScanOutcome } from './scan';

export type { ScanOutcome };

export function canScan(): boolean {
  return true;
}

export async function scanCode(): Promise<ScanOutcome> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
    return { kind: 'ok', text: result.result };
  } catch (error) {
    const message = (error as { errMsg?: string } | undefined)?.errMsg ?? '';
    return /cancel/i.test(message) ? { kind: 'cancelled' } : { kind: 'failed' };
  }
}
