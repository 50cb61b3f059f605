import Taro from '@tarojs/taro';
import { errorMessage } from '@/shared/http';

/** Says why something failed, in a toast (a refusal after a tap, a failed refresh). */
export function toast(error: unknown): void {
  void Taro.showToast({ title: errorMessage(error), icon: 'none' });
}
