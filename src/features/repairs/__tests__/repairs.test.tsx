import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { repairsMock } from '../../../../mock/repairs';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import TicketsPage from '@/packages/repairs/pages/tickets/index';
import ReportPage from '@/packages/repairs/pages/report/index';
import TicketPage from '@/packages/repairs/pages/ticket/index';
import TasksPage from '@/packages/repairs/pages/tasks/index';
import BoardPage from '@/packages/repairs/pages/board/index';
import RepairerPage from '@/packages/repairs/pages/repairer/index';
import RulesPage from '@/packages/repairs/pages/rules/index';
import { byDeadline } from '../components/TicketList';
import { countdown } from '../vocab';

const cards = () => screen.getAllByRole('button').filter((b) => b.classList.contains('rp-card'));

describe('报修服务 (requester)', () => {
  it('lists my tickets with their status and opens one', async () => {
    signInAs('demo-staff');
    render(<TicketsPage />);
    await screen.findByText('空调不制冷');
    /** A card as 类别，状态. */
    const summary = (card: HTMLElement) =>
      `${card.querySelector('.rp-card__title')?.textContent?.split(' · ')[0]}，${card.querySelector('.rp-card__head .ui-tag')?.textContent}`;
    expect(cards().map(summary)).toEqual(['空调，待接单', '网络，待派单', '水电，已完工']);
    fireEvent.click(cards()[0]);
    expect(taroTest.navigations.at(-1)?.url).toBe('/packages/repairs/pages/ticket/index?id=ticket-demo-3');
  });

  it('shows the error and recovers with 重试', async () => {
    server.use(http.get('*/api/repairs', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<TicketsPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('空调不制冷')).toBeTruthy();
  });

  it('reports through building → floor → room, says what is missing, and opens the new ticket', async () => {
    signInAs('demo-staff');
    render(<ReportPage />);
    await screen.findByText('报修类别');
    fireEvent.click(screen.getByText('提交报修'));
    expect(await screen.findByText('请选择报修类别')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '水电' }));
    expect(screen.getByText(/预计 15 分钟内到场/)).toBeTruthy();
    fireEvent.click(screen.getByText('提交报修'));
    expect(await screen.findByText('请选择房间，或直接填写位置')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'A座' }));
    fireEvent.click(screen.getByRole('radio', { name: '1层' }));
    fireEvent.click(screen.getByRole('radio', { name: 'A102' }));
    fireEvent.click(screen.getByText('提交报修'));
    expect(await screen.findByText('请描述需要维修的问题')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('问题描述'), { target: { value: '门把手松了' } });
    fireEvent.click(screen.getByText('提交报修'));
    await waitFor(() =>
      expect(taroTest.navigations.at(-1)?.url).toMatch(/^\/packages\/repairs\/pages\/ticket\/index\?id=ticket-demo-4$/),
    );
    expect(taroTest.toasts).toContain('已派给陈刚');
    expect(repairsMock().tickets[0].ticket.description).toBe('门把手松了');
  });

  it('shows the promised times and the timeline, and cancels after giving a reason', async () => {
    signInAs('demo-staff');
    taroTest.setRoute('/packages/repairs/pages/ticket/index?id=ticket-demo-3');
    render(<TicketPage />);
    expect(await screen.findByText(/预计 30 分钟内到场/)).toBeTruthy();
    expect(screen.getByText(/报修 · /)).toBeTruthy();
    expect(screen.queryByText('接单')).toBeNull(); // the requester cannot accept
    fireEvent.click(screen.getByText('取消报修'));
    fireEvent.input(screen.getByLabelText('取消原因（选填）'), { target: { value: '已自行解决' } });
    fireEvent.click(screen.getByText('提交'));
    expect(await screen.findByText('已取消')).toBeTruthy();
    expect(screen.getByText('已自行解决')).toBeTruthy();
  });

  it('rates a finished ticket with stars', async () => {
    signInAs('demo-staff');
    taroTest.setRoute('/packages/repairs/pages/ticket/index?id=ticket-demo-1');
    render(<TicketPage />);
    await screen.findByText('评价这次维修');
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('请选择 1–5 分')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '4 分' }));
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText(/评价：★★★★☆/)).toBeTruthy();
    expect(screen.queryByText('评价这次维修')).toBeNull();
  });
});

describe('维修工单 (repairer)', () => {
  afterEach(() => jest.useRealTimers());

  it('shows my open tickets and a new dispatch appears without a reload', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    signInAs('demo-repairer');
    render(<TasksPage />);
    await screen.findByText('空调不制冷');
    expect(screen.queryByText('新来的工单')).toBeNull();
    const [first] = repairsMock().tickets;
    repairsMock().tickets.unshift({
      ticket: { ...first.ticket, id: 'ticket-demo-9', description: '新来的工单' },
      timeline: [],
    });
    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(await screen.findByText('新来的工单')).toBeTruthy();
  });

  it('accepts after confirming', async () => {
    signInAs('demo-repairer');
    taroTest.setRoute('/packages/repairs/pages/ticket/index?id=ticket-demo-3');
    render(<TicketPage />);
    await screen.findByText('处理过程');
    fireEvent.click(screen.getByText('接单'));
    fireEvent.click(within(screen.getByRole('dialog')).getByText('确定'));
    expect(await screen.findByText('已接单')).toBeTruthy();
    expect(screen.getByText('已到场')).toBeTruthy();
  });
});

describe('调度 (dispatcher)', () => {
  it('shows the board: counts, the queue and the figures', async () => {
    signInAs('demo-dispatcher');
    render(<BoardPage />);
    expect(await screen.findByText('按类别')).toBeTruthy();
    expect(screen.getByLabelText('待派单 1 单')).toBeTruthy();
    // In the queue and among the open tickets by deadline.
    await waitFor(() => expect(screen.getAllByText('网口无信号')).toHaveLength(2));
    // One row per category and one per repairer.
    expect(screen.getAllByText(/响应 4 分钟 · 到场 12 分钟 · 按时 100% · 评分 5.0/)).toHaveLength(2);
  });

  it("edits a repairer's skills and shifts", async () => {
    signInAs('demo-dispatcher');
    taroTest.setRoute('/packages/repairs/pages/repairer/index?personId=demo-repairer');
    render(<RepairerPage />);
    await screen.findByText('保存档案');
    fireEvent.click(screen.getByRole('checkbox', { name: '网络' }));
    fireEvent.click(screen.getByText('+ 白班（工作日 08:30–17:30）'));
    fireEvent.click(screen.getByText('保存档案'));
    await waitFor(() => expect(taroTest.toasts).toContain('已保存'));
    expect(screen.getByRole('checkbox', { name: '网络' }).getAttribute('aria-checked')).toBe('true');
  });
});

describe('派单规则 (dispatcher)', () => {
  it('adds a category, and stops one only after confirming', async () => {
    signInAs('demo-dispatcher');
    render(<RulesPage />);
    await screen.findByText('类别 → 技能与时限');
    fireEvent.input(screen.getByLabelText('新类别名称'), { target: { value: '电梯' } });
    fireEvent.click(screen.getByText('新增类别'));
    expect(await screen.findByLabelText('电梯的名称')).toBeTruthy();
    expect(taroTest.toasts).toContain('已新增');

    fireEvent.click(screen.getByText('停用空调'));
    const dialog = screen.getByRole('dialog', { name: '停用“空调”？' });
    fireEvent.click(within(dialog).getByText('取消'));
    expect(screen.queryByText('已停用')).toBeNull();
    fireEvent.click(screen.getByText('停用空调'));
    fireEvent.click(within(screen.getByRole('dialog', { name: '停用“空调”？' })).getByText('停用'));
    expect(await screen.findByText('已停用')).toBeTruthy();
    expect(screen.getByText('启用空调')).toBeTruthy();
  });
});

describe('楼层与房间 (dispatcher)', () => {
  it('adds a room to a floor and a floor to another building', async () => {
    signInAs('demo-dispatcher');
    render(<RulesPage />);
    await screen.findByText('楼层与房间');
    expect(screen.getByText('A101、A102')).toBeTruthy();
    fireEvent.input(screen.getByPlaceholderText('1层的新房间'), { target: { value: 'A103' } });
    fireEvent.click(screen.getAllByText('添加房间')[0]);
    expect(await screen.findByText('A101、A102、A103')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'B座' }));
    expect(screen.getByText('B座 1层')).toBeTruthy();
    fireEvent.input(screen.getByPlaceholderText('B座的新楼层，如 7层'), { target: { value: '2层' } });
    fireEvent.click(screen.getByText('添加楼层'));
    expect(await screen.findByText('B座 2层')).toBeTruthy();
    expect(screen.getByText('还没有房间')).toBeTruthy();
  });
});

describe('rules', () => {
  it('counts down to a deadline and sorts open tickets by it', () => {
    const now = Date.parse('2026-12-07T10:00:00+08:00');
    expect(countdown('2026-12-07T10:12:30+08:00', now)).toBe('剩 12 分钟');
    expect(countdown('2026-12-07T09:57:00+08:00', now)).toBe('超时 3 分钟');
    expect(countdown('2026-12-07T12:05:00+08:00', now)).toBe('剩 2 小时 5 分');
    expect(countdown('2026-12-07T09:59:40+08:00', now)).toBe('超时 1 分钟');
    expect(countdown('2026-12-07T10:00:20+08:00', now)).toBe('剩 1 分钟');
    const t = (id: string, dueAt: string | null) => ({ id, dueAt }) as never;
    expect(
      byDeadline([t('a', null), t('b', '2026-12-07T11:00:00+08:00'), t('c', '2026-12-07T10:30:00+08:00')]).map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual(['c', 'b', 'a']);
  });
});
