import { systemClock, toInstant, type Clock } from '../../lib/time';
import { fetchText, RemoteUnreachable, safeCode } from '../fetch-text';
import { createTokenCache } from '../token-cache';
import { cutChars, messagePageQuery, PushFailed, type PushChannel, type PushNotice } from '../push/push-channel';

/**
 * WeChat subscribe messages (订阅消息, `POST /cgi-bin/message/subscribe/send`): one template
 * (configured: its id and the keys of its title, body and time fields), opening the mini-program's
 * 消息 page with the message (and what it is about), which marks it read and opens its object. The person agrees to each message in the app (`Taro.requestSubscribeMessage` on the
 * tap that leads to it); without that WeChat answers 43101, which is recorded and never retried.
 */
export interface WechatSubscribeConfig {
  appId?: string;
  appSecret?: string;
  apiBase: string;
  /** The subscribe-message template (公共模板库 → 我的模板). */
  templateId?: string;
  /** The template's field keys for the title, the body and the time, e.g. thing1, thing2, time3. */
  fields: { title: string; body: string; time: string };
  /** The mini-program page a tap opens (the message centre); the message goes in its query. */
  page: string;
  /** developer | trial | formal: which build of the mini-program a tap opens. */
  miniprogramState: string;
}

const TOKEN_PATH = '/cgi-bin/token';
const SEND_PATH = '/cgi-bin/message/subscribe/send';
const DEFAULT_TIMEOUT_MS = 5000;
/** 40001: invalid credential (another fetch replaced it, or it was reset); 42001: it expired. */
const TOKEN_REFUSED = new Set([40001, 42001]);
/** The person has not subscribed (or used up their one-time consent). */
const NOT_SUBSCRIBED = 43101;
/** A `thing` field holds at most 20 characters. */
const THING_MAX = 20;

const failed = (reason: string) => new PushFailed(`wechat ${reason}`);

/** `2026年12月07日 12:05`, Shanghai time: the form a `time` field takes. */
function templateTime(at: Date): string {
  const [date, clock] = toInstant(at).split('T');
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日 ${clock.slice(0, 5)}`;
}

/** undefined when the app id, secret or template is not configured. */
export function createWechatSubscribe(
  config: WechatSubscribeConfig,
  options: { clock?: Clock; timeoutMs?: number } = {},
): PushChannel | undefined {
  const { appId, appSecret, templateId } = config;
  if (!appId || !appSecret || !templateId) return undefined;
  const base = config.apiBase.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function json(path: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
    let answer: { status: number; text: string };
    try {
      answer = await fetchText(
        url,
        body === undefined
          ? { method: 'GET', headers: { accept: 'application/json' } }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        timeoutMs,
      );
    } catch (error) {
      if (error instanceof RemoteUnreachable) throw failed(`${path}: ${error.message}`);
      throw error;
    }
    if (answer.status < 200 || answer.status >= 300) throw failed(`${path}: HTTP ${answer.status}`);
    // WeChat answers 200 for errors too, often as text/plain: the body decides.
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.text);
    } catch {
      throw failed(`${path}: answer is not JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null) throw failed(`${path}: answer is not an object`);
    return parsed as Record<string, unknown>;
  }

  // The token lives in this process. Each fetch of a new one ends the previous one (after a few
  // minutes' grace), so several instances may refuse each other's: 40001 then fetches again.
  const tokens = createTokenCache(clock, async () => {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret });
    const answer = await json(TOKEN_PATH, `${base}${TOKEN_PATH}?${query.toString()}`);
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      throw failed(`${TOKEN_PATH} errcode ${safeCode(answer.errcode)}`);
    }
    return { token: answer.access_token, expiresIn: answer.expires_in };
  });

  function payload(notice: PushNotice) {
    const { fields } = config;
    return {
      touser: notice.to,
      template_id: templateId,
      page: `${config.page}?${messagePageQuery(notice)}`,
      miniprogram_state: config.miniprogramState,
      lang: 'zh_CN',
      data: {
        [fields.title]: { value: cutChars(notice.title, THING_MAX) },
        [fields.body]: { value: cutChars(notice.body, THING_MAX) },
        [fields.time]: { value: templateTime(notice.at) },
      },
    };
  }

  return {
    async send(notice) {
      const body = payload(notice);
      const attempt = async (token: string) =>
        json(SEND_PATH, `${base}${SEND_PATH}?access_token=${encodeURIComponent(token)}`, body);
      let token = await tokens.get();
      let answer = await attempt(token);
      // A refused token has sent nothing: one retry with a fresh one is safe. Only one.
      if (typeof answer.errcode === 'number' && TOKEN_REFUSED.has(answer.errcode)) {
        tokens.drop(token);
        token = await tokens.get();
        answer = await attempt(token);
      }
      const errcode = answer.errcode ?? 0;
      if (errcode === 0) return 'sent';
      if (errcode === NOT_SUBSCRIBED) return 'not-subscribed';
      throw failed(`${SEND_PATH} errcode ${safeCode(errcode)}`);
    },
  };
}
