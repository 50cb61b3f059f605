import { render, waitFor } from '@testing-library/react';
import { addMessage } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import HomePage from '@/pages/home/index';

describe('the 消息 tab badge on the other tabs', () => {
  it('shows the unread count when 首页 shows, and the new count after another message', async () => {
    signInAs('demo-staff');
    const first = render(<HomePage />);
    await waitFor(() => expect(taroTest.tabBadges[1]).toBe('2'));
    first.unmount();

    addMessage('demo-staff', '外卖已取餐', '祝您用餐愉快。');
    render(<HomePage />);
    await waitFor(() => expect(taroTest.tabBadges[1]).toBe('3'));
  });

  it('takes the badge away when the next person to sign in has nothing unread', async () => {
    signInAs('demo-staff');
    const first = render(<HomePage />);
    await waitFor(() => expect(taroTest.tabBadges[1]).toBe('2'));
    first.unmount();

    signInAs('demo-guard');
    render(<HomePage />);
    await waitFor(() => expect(taroTest.tabBadges[1]).toBeNull());
  });
});
