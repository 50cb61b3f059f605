import Taro from '@tarojs/taro';
import { toQuery } from '@/shared/routes';

/** The visitors subpackage's pages (src/packages/visitors, registered in app.config.ts). */
export const VISITOR_PAGES = {
  visits: '/packages/visitors/pages/visits/index',
  visit: '/packages/visitors/pages/visit/index',
  invite: '/packages/visitors/pages/invite/index',
  apply: '/packages/visitors/pages/apply/index',
  invitation: '/packages/visitors/pages/invitation/index',
  gate: '/packages/visitors/pages/gate/index',
  walkIn: '/packages/visitors/pages/walk-in/index',
  admin: '/packages/visitors/pages/admin/index',
} as const;

export type VisitorPage = keyof typeof VISITOR_PAGES;

export function openVisitorPage(page: VisitorPage, params: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: `${VISITOR_PAGES[page]}${toQuery(params)}` });
}
