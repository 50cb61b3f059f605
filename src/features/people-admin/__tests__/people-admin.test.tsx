import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { canteenMock } from '../../../../mock/canteen';
import { mockState } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import PeopleAdminPage from '@/packages/people-admin/pages/people/index';
import PersonRolesPage from '@/packages/people-admin/pages/person/index';

const role = (name: string) => screen.getByRole('checkbox', { name });
const checked = (name: string) => role(name).getAttribute('aria-checked') === 'true';

function openPerson(id: string) {
  taroTest.setRoute(`/packages/people-admin/pages/person/index?id=${id}`);
  return render(<PersonRolesPage />);
}

describe('人员与角色', () => {
  it('is for admins only', async () => {
    signInAs('demo-staff');
    render(<PeopleAdminPage />);
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });

  it('finds a person by name and opens them', async () => {
    signInAs('demo-admin');
    render(<PeopleAdminPage />);
    await screen.findByText(/共 \d+ 人/);
    act(() => {
      fireEvent.input(screen.getByLabelText('搜索人员'), { target: { value: '王芳' } });
    });
    const row = await screen.findByRole('button', { name: /王芳/ });
    expect(within(row).getByText('食堂')).toBeTruthy();
    fireEvent.click(row);
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/people-admin/pages/person/index?id=demo-canteen' },
    ]);
  });

  it('grants a role, shows the audit, and links a repairer to the repairs module’s page', async () => {
    signInAs('demo-admin');
    openPerson('demo-staff-2');
    await screen.findByText('李娜');
    expect(checked('干部职工')).toBe(true);
    expect(await screen.findByText('暂无变更记录')).toBeTruthy();
    expect(screen.queryByText('维修技能、区域与排班')).toBeNull();

    fireEvent.click(role('维修工'));
    fireEvent.click(screen.getByText('保存'));

    await waitFor(() => expect(taroTest.toasts).toEqual(['已保存']));
    expect(mockState.people.get('demo-staff-2')?.roles).toEqual(['staff', 'repairer']);
    expect(await screen.findByText('干部职工 → 干部职工、维修工')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /维修技能、区域与排班/ }));
    expect(taroTest.navigations.at(-1)).toEqual({
      kind: 'navigateTo',
      url: '/packages/repairs/pages/repairer/index?personId=demo-staff-2',
    });
  });

  it('asks before taking a role away, and takes the canteens with the 食堂 role', async () => {
    signInAs('demo-admin');
    openPerson('demo-canteen');
    await screen.findByText('王芳');
    expect(checked('食堂')).toBe(true);
    expect(screen.getByRole('checkbox', { name: '第一食堂' }).getAttribute('aria-checked')).toBe('true');

    fireEvent.click(role('食堂'));
    expect(screen.queryByRole('group', { name: '所在食堂' })).toBeNull();
    fireEvent.click(role('干部职工'));
    fireEvent.click(screen.getByText('保存'));
    const dialog = screen.getByRole('dialog', { name: '确认移除角色' });
    expect(within(dialog).getByText('将移除王芳的“食堂”角色，相关权限立即失效。')).toBeTruthy();
    fireEvent.click(within(dialog).getByText('移除'));

    await waitFor(() => expect(mockState.people.get('demo-canteen')?.roles).toEqual(['staff']));
    expect(canteenMock().canteens.find((c) => c.id === 'canteen-1')?.staff).not.toContain('demo-canteen');
    expect(await screen.findByText('食堂（第一食堂） → 干部职工')).toBeTruthy();
  });

  it('needs a canteen for the 食堂 role, and shows why the server refused', async () => {
    signInAs('demo-admin');
    openPerson('demo-guard');
    await screen.findByText('赵强');
    fireEvent.click(role('食堂'));
    fireEvent.click(screen.getByText('保存'));
    expect(screen.getByText('请选择所在食堂')).toBeTruthy();

    server.use(http.put('*/api/admin/people/:id/roles', () => errorResponse(409, 'LAST_ADMIN'), { once: true }));
    fireEvent.click(screen.getByRole('checkbox', { name: '第二食堂' }));
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('不能移除最后一位管理员，请先为其他人授予管理员角色')).toBeTruthy();
    expect(mockState.people.get('demo-guard')?.roles).toEqual(['guard']);
  });
});
