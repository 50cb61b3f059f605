import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { parkingMock } from '../../../../mock/parking';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import BookPage from '@/packages/parking/pages/book/index';
import BookingsPage from '@/packages/parking/pages/bookings/index';
import GatePage from '@/packages/parking/pages/gate/index';
import AdminPage from '@/packages/parking/pages/admin/index';

const typeInto = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('停车预约 (staff)', () => {
  beforeEach(() => taroTest.setRoute('/packages/parking/pages/book/index'));

  it('books tomorrow with a saved plate and goes to 我的预约', async () => {
    signInAs('demo-staff');
    render(<BookPage />);
    expect(await screen.findByText('我的车辆')).toBeTruthy();
    expect(await screen.findAllByText('浙A12345')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '东侧小停车场' }));
    fireEvent.click(await screen.findByText('预约'));
    await waitFor(() => expect(taroTest.navigations.at(-1)?.url).toBe('/packages/parking/pages/bookings/index'));
    expect(parkingMock().bookings[0]).toMatchObject({ lotId: 'lot-small', plate: '浙A12345', status: 'booked' });
  });

  it('deletes a saved plate only after confirming', async () => {
    signInAs('demo-staff');
    render(<BookPage />);
    await screen.findByText('我的车辆');
    fireEvent.click(screen.getByRole('button', { name: '删除车牌 浙AD12345' }));
    const dialog = () => within(screen.getByRole('dialog', { name: '删除车牌 浙AD12345？' }));
    fireEvent.click(dialog().getByText('取消'));
    expect(screen.getByRole('button', { name: '删除车牌 浙AD12345' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '删除车牌 浙AD12345' }));
    fireEvent.click(dialog().getByText('删除'));
    await waitFor(() => expect(screen.queryByRole('button', { name: '删除车牌 浙AD12345' })).toBeNull());
    expect(screen.getByRole('button', { name: '删除车牌 浙A12345' })).toBeTruthy();
  });

  it('checks a typed plate with the shared rule before it is sent', async () => {
    signInAs('demo-staff');
    render(<BookPage />);
    await screen.findByText('我的车辆');
    typeInto('车牌号', '浙AI2345');
    expect(screen.getByText('车牌号格式不正确')).toBeTruthy();
    typeInto('车牌号', '浙ｂ 12345');
    expect(screen.getByText('识别为 浙B12345')).toBeTruthy();
    fireEvent.click(screen.getByText('添加'));
    expect(await screen.findAllByText('浙B12345')).toBeTruthy();
  });

  it('offers the waiting list when the lot is full', async () => {
    server.use(http.post('*/api/parking/bookings', () => errorResponse(409, 'PARKING_FULL'), { once: true }));
    signInAs('demo-staff');
    render(<BookPage />);
    fireEvent.click(await screen.findByText('预约'));
    fireEvent.click(await screen.findByText('加入候补'));
    await waitFor(() => expect(parkingMock().bookings[0]).toMatchObject({ status: 'booked' }));
  });

  it('shows the error and recovers with 重试', async () => {
    server.use(http.get('*/api/parking/lots', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<BookPage />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('我的车辆')).toBeTruthy();
  });
});

describe('我的预约', () => {
  beforeEach(() => taroTest.setRoute('/packages/parking/pages/bookings/index'));

  it('shows the plate as the gate reads it and the status; a waiting booking shows its position and can be left', async () => {
    parkingMock().bookings.unshift({
      ...parkingMock().bookings[0],
      id: 'pk-w',
      status: 'waitlisted',
      startsAt: '08:00',
      cancellableUntil: '2099-01-01T08:00:00.000+08:00',
      enteredAt: null,
    });
    signInAs('demo-staff');
    render(<BookingsPage />);
    expect(await screen.findByText('已入场')).toBeTruthy();
    expect(screen.getByText('候补第 1 位')).toBeTruthy();
    fireEvent.click(screen.getByText('退出候补'));
    fireEvent.click(within(screen.getByRole('dialog')).getByText('确定取消'));
    await waitFor(() => expect(parkingMock().bookings[0].status).toBe('cancelled'));
  });
});

describe('车辆放行 (guard)', () => {
  beforeEach(() => taroTest.setRoute('/packages/parking/pages/gate/index'));

  it('decides a typed plate, then lets a refused car in by hand with a reason', async () => {
    signInAs('demo-guard');
    render(<GatePage />);
    expect(await screen.findByText('预计车辆')).toBeTruthy();
    typeInto('识别车牌', '浙b99999');
    fireEvent.click(screen.getByText('判定'));
    expect(await screen.findByText('浙B99999 不放行')).toBeTruthy();
    typeInto('放行原因', '市领导来访');
    fireEvent.click(screen.getByRole('button', { name: '人工放行' }));
    expect(await screen.findByText('人工放行：市领导来访')).toBeTruthy();
    expect(parkingMock().feed[0]).toMatchObject({ plate: '浙B99999', manual: true, note: '市领导来访' });
  });

  it('picks an expected plate and opens for it', async () => {
    signInAs('demo-guard');
    render(<GatePage />);
    fireEvent.click(await screen.findByText('浙A12345'));
    fireEvent.click(screen.getByText('判定'));
    expect(await screen.findByText('浙A12345 放行')).toBeTruthy();
  });
});

describe('停车场管理 (admin)', () => {
  beforeEach(() => taroTest.setRoute('/packages/parking/pages/admin/index'));

  it('saves a lot’s rules and lifts a suspension after confirming', async () => {
    signInAs('demo-admin');
    render(<AdminPage />);
    await screen.findByText('保存规则');
    typeInto('车位总数', '500');
    fireEvent.click(screen.getByText('保存规则'));
    await waitFor(() => expect(screen.getByLabelText('车位总数')).toHaveProperty('value', '500'));
    fireEvent.click(screen.getByRole('tab', { name: '暂停' }));
    fireEvent.click(await screen.findByText('解除'));
    fireEvent.click(within(screen.getByRole('dialog')).getByText('解除'));
    expect(await screen.findByText('没有暂停预约的人员')).toBeTruthy();
  });
});
