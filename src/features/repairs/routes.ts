import Taro from '@tarojs/taro';
import { toQuery } from '@/shared/routes';

/** The repairs subpackage's pages (src/packages/repairs, registered in app.config.ts). */
export const REPAIRS_PAGES = {
  tickets: '/packages/repairs/pages/tickets/index',
  report: '/packages/repairs/pages/report/index',
  ticket: '/packages/repairs/pages/ticket/index',
  tasks: '/packages/repairs/pages/tasks/index',
  board: '/packages/repairs/pages/board/index',
  rules: '/packages/repairs/pages/rules/index',
  repairer: '/packages/repairs/pages/repairer/index',
} as const;

export type RepairsPage = keyof typeof REPAIRS_PAGES;

export function openRepairsPage(page: RepairsPage, params: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: `${REPAIRS_PAGES[page]}${toQuery(params)}` });
}
