/** WeChat: `Taro.requestSubscribeMessage` for the subscribe-message template the BFF sends with. */
import Taro from '@tarojs/taro';
import type { ConsentOutcome } from './consent';

export type { ConsentOutcome };

/** Baked in at build (TARO_APP_WECHAT_SUBSCRIBE_TEMPLATE_ID, the BFF's WECHAT_SUBSCRIBE_TEMPLATE_ID). */
const TEMPLATE_ID = process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATE_ID ?? '';

export function askPushConsent(): Promise<ConsentOutcome> {
  if (!TEMPLATE_ID) return Promise.resolve('not-asked');
  // Never fails the tap it is part of: a refusal or an error only means no push for this one.
  return Taro.requestSubscribeMessage({ tmplIds: [TEMPLATE_ID], entityIds: [] }).then(
    (result) => ((result as unknown as Record<string, string>)[TEMPLATE_ID] === 'accept' ? 'accepted' : 'declined'),
    () => 'declined' as const,
  );
}
