import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setAuthProviders } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { SignInScreen, useSession } from '..';

describe('demo sign-in page', () => {
  it('lists demo users grouped by role with name and unit', async () => {
    render(<SignInScreen />);
    expect(screen.getByText('演示登录')).toBeTruthy();
    expect(screen.getByText('正在加载演示用户…')).toBeTruthy();

    const staff = await screen.findByText('干部职工');
    const staffGroup = staff.parentElement as HTMLElement;
    expect(within(staffGroup).getByText('张伟')).toBeTruthy();
    expect(within(staffGroup).getByText('杭州市机关事务管理局·综合处')).toBeTruthy();
    expect(within(staffGroup).getByText('李娜')).toBeTruthy();
    for (const label of ['访客', '维修工', '调度', '食堂', '门岗', '管理员'])
      expect(screen.getByText(label)).toBeTruthy();
    // 孙丽 is admin and staff: listed once, under her more specific role.
    expect(screen.getAllByText('孙丽')).toHaveLength(1);
    expect(within(screen.getByText('管理员').parentElement as HTMLElement).getByText('孙丽')).toBeTruthy();
  });

  it('signs in as the tapped person and returns to where they were going', async () => {
    taroTest.setRoute('/pages/sign-in/index?redirect=%2Fpages%2Fprofile%2Findex');
    render(<SignInScreen />);

    fireEvent.click(await screen.findByText('王芳'));

    await waitFor(() => expect(taroTest.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/profile/index' }));
    expect(useSession.getState().me).toMatchObject({ name: '王芳', roles: ['canteen'] });
  });

  it('says so when demo sign-in is switched off', async () => {
    setAuthProviders({ dev: false });
    render(<SignInScreen />);
    expect(await screen.findByText('当前环境未开放此登录方式')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
