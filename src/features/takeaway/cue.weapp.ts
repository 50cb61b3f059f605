import Taro from '@tarojs/taro';

/** WeChat: a vibration (a sound would need an audio file in the package). */
export function playNewOrderCue(): void {
  void Taro.vibrateShort({ type: 'heavy' }).catch(() => undefined);
}

export function unlockCue(): void {}
