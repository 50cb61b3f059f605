import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { installSession, refreshMe } from '@/features/session';
import { ABOUT_PAGES } from '@/features/profile/about/routes';
import { installNavBar } from '@/shell/nav-bar';
import { installPageFocus } from '@/shell/page-focus';
import './app.css';

// Before any page renders: the http client learns the token and where a 401 goes.
installSession();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installNavBar();
    installPageFocus();
    void refreshMe();
  });
  // An address that is no page of the app (an old link, a typo) shows 页面不存在 with the way home.
  usePageNotFound(() => {
    void Taro.redirectTo({ url: ABOUT_PAGES.notFound });
  });
  return children;
}

export default App;
