import type { Clock } from '../../lib/time';
import { cutUtf8, messagePageQuery, PushFailed, type PushChannel, type PushNotice } from '../push/push-channel';
import { createZzdGateway } from './zzd-gateway';

/**
 * 浙政钉 work notices (工作通知, `POST /message/workNotification` on the signed gateway) to one
 * accountId: with the H5 app's address configured, a card whose 查看详情 opens 消息 at the message
 * (and from there what it is about); without it, plain text. `bizMsgId` is the message's id, so
 * the platform drops a notice it has already taken: a retry after a lost answer never shows twice.
 */
export interface ZzdWorkNoticeConfig {
  appKey?: string;
  appSecret?: string;
  apiBase: string;
  tenantId?: string;
  /** The H5 app's address as 浙政钉 opens it, e.g. https://houqin.example.gov.cn. */
  appUrl?: string;
}

const NOTICE_PATH = '/message/workNotification';
/** The platform's limit for a notice's text. */
export const WORK_NOTICE_MAX_BYTES = 2048;

/** The notice's text: title and body, cut on a character boundary to fit the platform's limit. */
export function workNoticeText(notice: Pick<PushNotice, 'title' | 'body'>): string {
  return cutUtf8(`${notice.title}\n${notice.body}`, WORK_NOTICE_MAX_BYTES);
}

const failed = (reason: string) => new PushFailed(`zzd ${reason}`);

/** The notice's `msg`: a card opening the message in the app when its address is known. */
function noticeMessageFor(appUrl: string | undefined) {
  const base = appUrl?.replace(/\/+$/, '');
  return (notice: PushNotice) =>
    base
      ? {
          msgtype: 'action_card',
          action_card: {
            title: notice.title,
            markdown: workNoticeText(notice),
            single_title: '查看详情',
            single_url: `${base}/pages/messages/index?${messagePageQuery(notice)}`,
          },
        }
      : { msgtype: 'text', text: { content: workNoticeText(notice) } };
}

/** undefined when the app key, secret or tenant is not configured. */
export function createZzdWorkNotice(
  config: ZzdWorkNoticeConfig,
  options: { clock?: Clock; timeoutMs?: number } = {},
): PushChannel | undefined {
  if (!config.appKey || !config.appSecret || !config.tenantId) return undefined;
  const tenantId = config.tenantId;
  const noticeMessage = noticeMessageFor(config.appUrl);
  const gateway = createZzdGateway(
    { appKey: config.appKey, appSecret: config.appSecret, apiBase: config.apiBase },
    options,
  );
  return {
    async send(notice) {
      const msg = JSON.stringify(noticeMessage(notice));
      const answer = await gateway.call(
        'POST',
        NOTICE_PATH,
        { tenantId, receiverIds: notice.to, bizMsgId: notice.id, msg },
        failed,
      );
      // Every refusal is retried with back-off: a gateway refusal (clock, nonce) or a busy platform
      // passes; one that does not ends in the outbox's failed rows, with its code.
      if (!answer.ok) throw failed(`${NOTICE_PATH} answered ${answer.code}`);
      return 'sent';
    },
  };
}
