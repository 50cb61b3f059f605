import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { installSession, refreshMe } from '@/features/session';
import './app.css';

// Before any page renders: the http client learns the token and where a 401 goes.
installSession();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void refreshMe();
  });
  return children;
}

export default App;
