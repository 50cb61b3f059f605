import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import VisitsPage from '@/packages/visitors/pages/visits/index';
import VisitPage from '@/packages/visitors/pages/visit/index';
import GatePage from '@/packages/visitors/pages/gate/index';
import InvitePage from '@/packages/visitors/pages/invite/index';
import WalkInPage from '@/packages/visitors/pages/walk-in/index';
import { cachedPasses } from '../pass-cache';

const dialog = () => within(screen.getByRole('dialog'));

describe('访客预约', () => {
  it('shows the host today’s visitors, masked, and opens one', async () => {
    taroTest.setRoute('/packages/visitors/pages/visits/index');
    signInAs('demo-staff');
    render(<VisitsPage />);
    expect(await screen.findByText('送审设计图纸')).toBeTruthy();
    expect(screen.getByText('吴* · 139****5678')).toBeTruthy();
    expect(screen.queryByText(/13900005678/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /吴\*.*待审批/ }));
    expect(taroTest.navigations.at(-1)?.url).toBe('/packages/visitors/pages/visit/index?id=visit-0002');
  });

  it('lets the host decline only with a reason, after confirming', async () => {
    taroTest.setRoute('/packages/visitors/pages/visit/index?id=visit-0002');
    signInAs('demo-staff');
    render(<VisitPage />);
    await screen.findByText('同意来访');
    fireEvent.click(screen.getByRole('button', { name: '拒绝' }));
    expect(await screen.findByText('请填写拒绝理由')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('拒绝理由'), { target: { value: '当天外出开会' } });
    fireEvent.click(screen.getByRole('button', { name: '拒绝' }));
    fireEvent.click(dialog().getByRole('button', { name: '拒绝' }));
    await waitFor(() => expect(document.body.textContent).toContain('拒绝理由当天外出开会'));
  });

  it('says why an invitation is refused under the form, and makes the link once it is complete', async () => {
    taroTest.setRoute('/packages/visitors/pages/invite/index');
    signInAs('demo-staff');
    render(<InvitePage />);
    const send = await screen.findByRole('button', { name: '生成邀请' });
    fireEvent.click(send);
    expect(await screen.findByText('请填写访客姓名')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('访客姓名'), { target: { value: '吴小明' } });
    fireEvent.input(screen.getByLabelText('手机号'), { target: { value: '13900001234' } });
    fireEvent.input(screen.getByLabelText('来访事由'), { target: { value: '项目洽谈' } });
    fireEvent.click(send);
    expect(await screen.findByText('邀请已生成')).toBeTruthy();
    expect(screen.queryByText('请填写访客姓名')).toBeNull();
  });

  it('asks the walk-in visitor to agree to the notice first, then offers the units and names what is missing', async () => {
    taroTest.setRoute('/packages/visitors/pages/walk-in/index');
    signInAs('demo-guard');
    render(<WalkInPage />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /我已阅读并同意以上告知/ }));
    expect(await screen.findByRole('button', { name: '登记并通知被访人' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '杭州市发展和改革委员会' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '登记并通知被访人' }));
    expect(await screen.findByText('请选择被访人')).toBeTruthy();
  });

  it('shows the visitor the pass, keeps it on the device, and shows it again with no network', async () => {
    taroTest.setRoute('/packages/visitors/pages/visit/index?id=visit-0001');
    signInAs('demo-visitor');
    const first = render(<VisitPage />);
    expect(await screen.findByText('访客通行码')).toBeTruthy();
    const code = screen.getByText(/^[2-9A-Z]{8}$/).textContent;
    expect(cachedPasses('demo-visitor').map((p) => p.id)).toEqual(['visit-0001']);
    first.unmount();

    server.use(http.get('*/api/visits/:id', () => errorResponse(503, 'NETWORK_ERROR')));
    const second = render(<VisitPage />);
    expect(await screen.findByText('当前无网络，显示的是本机保存的通行码')).toBeTruthy();
    expect(screen.getByText(code!)).toBeTruthy();
    second.unmount();

    // Another person on this phone, even with no network, never sees it.
    signInAs('demo-staff');
    expect(cachedPasses('demo-staff')).toEqual([]);
    render(<VisitPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.queryByText(code!)).toBeNull();
  });

  it('does not show a kept pass the server refuses (cancelled or gone elsewhere)', async () => {
    taroTest.setRoute('/packages/visitors/pages/visit/index?id=visit-0001');
    signInAs('demo-visitor');
    const first = render(<VisitPage />);
    const code = (await screen.findByText(/^[2-9A-Z]{8}$/)).textContent;
    first.unmount();
    server.use(http.get('*/api/visits/:id', () => errorResponse(404, 'VISIT_NOT_FOUND')));
    render(<VisitPage />);
    expect(await screen.findByText('重试')).toBeTruthy();
    expect(screen.queryByText(code!)).toBeNull();
    expect(screen.queryByText('当前无网络，显示的是本机保存的通行码')).toBeNull();
  });

  it('lets the guard check a pass in by its short code, then out, and says why a pass is refused', async () => {
    taroTest.setRoute('/packages/visitors/pages/gate/index');
    signInAs('demo-guard');
    render(<GatePage />);
    await screen.findByText('核验通行码');
    const input = screen.getByLabelText('通行短码');
    fireEvent.input(input, { target: { value: 'kqqqrabc' } });
    fireEvent.click(screen.getByRole('button', { name: '核验' }));
    expect(await screen.findByText('✓ 已签到入园')).toBeTruthy();
    fireEvent.input(input, { target: { value: 'KQQQRABC' } });
    fireEvent.click(screen.getByRole('button', { name: '核验' }));
    expect(await screen.findByText('✓ 已签离')).toBeTruthy();
    fireEvent.input(input, { target: { value: 'KQQQRABC' } });
    fireEvent.click(screen.getByRole('button', { name: '核验' }));
    expect(await screen.findByText('访客已签离，通行码已使用完毕')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('tab', { name: '今日预约' })).toBeTruthy());
  });
});
