import { fireEvent, render, screen } from '@testing-library/react';
import { taroTest } from '@/test-support/taro';
import PrivacyPage from '@/packages/about/pages/privacy/index';
import TermsPage from '@/packages/about/pages/terms/index';
import AboutPage from '@/packages/about/pages/about/index';
import SupportPage from '@/packages/about/pages/support/index';
import NotFoundPage from '@/packages/about/pages/not-found/index';
import packageJson from '../../../../../package.json';
import { APP_VERSION } from '../version';

describe('关于 pages', () => {
  it('shows the version package.json carries', () => {
    expect(APP_VERSION).toBe(packageJson.version);
    render(<AboutPage />);
    expect(screen.getByText(`版本 ${packageJson.version}`)).toBeTruthy();
    fireEvent.click(screen.getByText('隐私政策'));
    fireEvent.click(screen.getByText('用户协议'));
    expect(taroTest.navigations.map((n) => n.url)).toEqual([
      '/packages/about/pages/privacy/index',
      '/packages/about/pages/terms/index',
    ]);
  });

  it('says in the privacy policy what is held and how visitors’ ID numbers are kept', () => {
    render(<PrivacyPage />);
    expect(screen.getAllByRole('heading')[0].textContent).toBe('隐私政策');
    const text = document.body.textContent ?? '';
    for (const held of ['姓名', '所在单位', '角色', '外卖订单', '餐卡余额', '身份证号码', '加密保存', '自动清除']) {
      expect(text).toContain(held);
    }
  });

  it('shows the user agreement with the meal card rules', () => {
    render(<TermsPage />);
    expect(screen.getAllByRole('heading')[0].textContent).toBe('用户协议');
    expect(screen.getByText('三、数字餐卡')).toBeTruthy();
  });

  it('gives 客服 a number to call and the hours', () => {
    render(<SupportPage />);
    expect(screen.getByRole('button', { name: /^拨打客服电话 [\d-]+$/ })).toBeTruthy();
    expect(screen.getByText('服务时间')).toBeTruthy();
  });

  it('offers the way home from 页面不存在', () => {
    render(<NotFoundPage />);
    expect(screen.getByRole('heading').textContent).toBe('页面不存在');
    fireEvent.click(screen.getByRole('button', { name: '返回首页' }));
    expect(taroTest.navigations).toEqual([{ kind: 'reLaunch', url: '/pages/home/index' }]);
  });
});
