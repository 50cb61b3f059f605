import Taro from '@tarojs/taro';
import { toQuery } from '@/shared/routes';

/** The mailbox subpackage's pages (src/packages/mailbox, registered in app.config.ts). */
export const MAILBOX_PAGES = {
  letters: '/packages/mailbox/pages/letters/index',
  write: '/packages/mailbox/pages/write/index',
  letter: '/packages/mailbox/pages/letter/index',
  inbox: '/packages/mailbox/pages/inbox/index',
} as const;

export type MailboxPage = keyof typeof MAILBOX_PAGES;

export function openMailboxPage(page: MailboxPage, params: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: `${MAILBOX_PAGES[page]}${toQuery(params)}` });
}
