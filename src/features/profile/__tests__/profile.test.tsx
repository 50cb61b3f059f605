import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import ProfilePage from '@/pages/profile/index';
import HomePage from '@/pages/home/index';
import { useSession } from '@/features/session';
import { useCareMode } from '..';

const pageRoot = (container: HTMLElement) => container.querySelector('[data-care-mode]') as HTMLElement;

describe('我的', () => {
  it('shows name, unit and roles in Chinese', () => {
    signInAs('demo-admin');
    render(<ProfilePage />);
    expect(screen.getByText('孙丽')).toBeTruthy();
    expect(screen.getByText('杭州市机关事务管理局')).toBeTruthy();
    expect(screen.getByText('管理员')).toBeTruthy();
    expect(screen.getByText('干部职工')).toBeTruthy();
  });

  it('links to 隐私政策, 用户协议, 关于与版本 (with the version) and 客服', () => {
    signInAs('demo-staff');
    render(<ProfilePage />);
    expect(screen.getByText(/^v0\.1\.0/)).toBeTruthy();
    for (const title of ['隐私政策', '用户协议', '关于与版本', '客服']) fireEvent.click(screen.getByText(title));
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/about/pages/privacy/index' },
      { kind: 'navigateTo', url: '/packages/about/pages/terms/index' },
      { kind: 'navigateTo', url: '/packages/about/pages/about/index' },
      { kind: 'navigateTo', url: '/packages/about/pages/support/index' },
    ]);
  });

  it('switches 关怀模式 on for every page and remembers it on the device', () => {
    signInAs('demo-staff');
    const { container, unmount } = render(<ProfilePage />);
    const toggle = screen.getByRole('switch', { name: '关怀模式' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(pageRoot(container).getAttribute('data-care-mode')).toBe('off');

    fireEvent.click(toggle);

    expect(screen.getByRole('switch', { name: '关怀模式' }).getAttribute('aria-checked')).toBe('true');
    expect(pageRoot(container).getAttribute('data-care-mode')).toBe('on');
    expect(pageRoot(container).className).toContain('page--care');
    expect(JSON.parse(taroTest.storage.get('sz.care-mode') as string).state).toEqual({ enabled: true });
    unmount();

    // Another page follows the same switch.
    const home = render(<HomePage />);
    expect(pageRoot(home.container).getAttribute('data-care-mode')).toBe('on');
  });

  it('toggles from anywhere on the row, not just the switch', () => {
    signInAs('demo-staff');
    render(<ProfilePage />);
    fireEvent.click(screen.getByText('关怀模式'));
    expect(useCareMode.getState().enabled).toBe(true);
    fireEvent.click(screen.getByText('关怀模式'));
    expect(useCareMode.getState().enabled).toBe(false);
  });

  it('asks before signing out, and 取消 keeps the person signed in', () => {
    signInAs('demo-staff');
    render(<ProfilePage />);
    fireEvent.click(screen.getByText('退出登录'));

    expect(screen.getByRole('dialog', { name: '退出登录' })).toBeTruthy();
    fireEvent.click(screen.getByText('取消'));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useSession.getState().token).not.toBeNull();
    expect(taroTest.navigations).toEqual([]);
  });

  it('signs out after 确定 and opens sign-in, once, even while the page reacts to the change', async () => {
    taroTest.navigationLatencyMs = 30;
    signInAs('demo-staff');
    render(<ProfilePage />);
    fireEvent.click(screen.getByText('退出登录'));
    fireEvent.click(screen.getByText('确定'));

    await waitFor(() =>
      expect(taroTest.navigations).toEqual([{ kind: 'reLaunch', url: '/pages/sign-in/index?signedOut=1' }]),
    );
    expect(useSession.getState().token).toBeNull();
  });
});
