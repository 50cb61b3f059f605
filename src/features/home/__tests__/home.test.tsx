import { fireEvent, render, screen } from '@testing-library/react';
import { SERVICES, servicesFor } from '@contract/modules';
import { SERVICE_ICON_IDS, base64, serviceIcon } from '../components/service-icons';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import HomePage from '@/pages/home/index';

const tileNames = () => screen.queryAllByRole('button').map((tile) => tile.textContent ?? '');

describe('home service grid', () => {
  it('greets the person by name', () => {
    signInAs('demo-staff');
    render(<HomePage />);
    expect(screen.getByText(/，张伟$/)).toBeTruthy();
    expect(screen.getByText('杭州市机关事务管理局·综合处')).toBeTruthy();
  });

  it('shows staff their services, grouped, and nothing for other roles', () => {
    signInAs('demo-staff');
    render(<HomePage />);
    for (const group of ['食堂服务', '出行访客', '办公服务']) expect(screen.getByText(group)).toBeTruthy();
    expect(screen.queryByText('管理')).toBeNull();
    for (const name of [
      '今日菜品',
      '食堂外卖',
      '数字餐卡',
      '报餐',
      '停车预约',
      '访客预约',
      '报修服务',
      '会议预约',
      '服务信箱',
    ]) {
      expect(screen.getByText(name)).toBeTruthy();
    }
    for (const name of ['订单看板', '门岗核验', '维修工单', '驾驶舱', '信箱处理'])
      expect(screen.queryByText(name)).toBeNull();
  });

  it('shows canteen staff the canteen tiles only', () => {
    signInAs('demo-canteen');
    render(<HomePage />);
    expect(screen.getByText('食堂服务')).toBeTruthy();
    expect(screen.queryByText('出行访客')).toBeNull();
    expect(screen.getByText('今日菜品')).toBeTruthy();
    expect(screen.getByText('订单看板')).toBeTruthy();
    expect(screen.queryByText('食堂外卖')).toBeNull();
    expect(screen.queryByText('停车预约')).toBeNull();
  });

  it('shows the guard just the gate check', () => {
    signInAs('demo-guard');
    render(<HomePage />);
    expect(tileNames()).toEqual(['车辆放行', '门岗核验']);
    expect(screen.getByText('出行访客')).toBeTruthy();
  });

  it('shows admins the management group as well', () => {
    signInAs('demo-admin');
    render(<HomePage />);
    expect(screen.getByText('管理')).toBeTruthy();
    expect(screen.getByText('驾驶舱')).toBeTruthy();
    // Told when a ticket stays overdue, an admin reaches the repairs board from the home grid.
    fireEvent.click(screen.getByText('维修工单'));
    expect(taroTest.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/repairs/pages/tasks/index' }]);
  });

  it('marks services not built yet as 即将上线 and opens nothing when tapped', () => {
    signInAs('demo-staff');
    render(<HomePage />);
    const badges = screen.getAllByText('即将上线');
    // One badge per staff service whose module is not live yet (modules go live one by one).
    const notLive = servicesFor(['staff']).flatMap((section) => section.entries.filter((entry) => !entry.live));
    expect(badges).toHaveLength(notLive.length);
    expect(notLive.length).toBeGreaterThan(0);

    fireEvent.click(screen.getByText('会议预约'));

    expect(taroTest.navigations).toEqual([]);
    expect(taroTest.toasts).toEqual(['会议预约即将上线，敬请期待']);
  });

  it('draws every service with its own icon, an SVG in a base64 data URI', () => {
    expect([...SERVICE_ICON_IDS].sort()).toEqual(SERVICES.map((entry) => entry.id).sort());
    for (const text of ['', 'a', 'ab', 'abc', '<svg d="M3 11h18"/>']) {
      expect(base64(text)).toBe(Buffer.from(text).toString('base64'));
    }
    const icon = serviceIcon('menu');
    expect(icon.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(icon.slice(icon.indexOf(',') + 1), 'base64').toString();
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24"[^>]*><path d="[^"]+"\/><\/svg>$/,
    );
    expect(new Set(SERVICE_ICON_IDS.map(serviceIcon)).size).toBe(SERVICE_ICON_IDS.length);

    signInAs('demo-admin');
    const { container } = render(<HomePage />);
    const tiles = screen.getAllByRole('button');
    expect(tiles.length).toBeGreaterThan(0);
    for (const tile of tiles)
      expect(tile.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    // The icon is decoration: the tile's name is its label.
    expect(container.querySelectorAll('[aria-hidden] img')).toHaveLength(tiles.length);
  });

  it('sends someone who is not signed in to sign-in, returning here afterwards', () => {
    render(<HomePage />);
    expect(taroTest.navigations).toEqual([
      { kind: 'reLaunch', url: '/pages/sign-in/index?redirect=%2Fpages%2Fhome%2Findex' },
    ]);
  });
});
