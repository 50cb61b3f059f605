import { fireEvent, render, screen } from '@testing-library/react';
import { ERROR_MESSAGES, messageFor } from '@contract/errors';
import { taroTest } from '@/test-support/taro';
import { PAGES } from '@/shared/routes';
import { CanteenSwitcher } from '../CanteenSwitcher';
import { Check } from '../Check';
import { Chips } from '../Chips';
import { FormRow } from '../FormRow';
import { Photo } from '../Photo';
import { LoadError } from '../StatusView';
import { Tabs } from '../Tabs';

describe('StatusView', () => {
  it('offers 重试 for a failure that a retry can mend', () => {
    const retry = jest.fn();
    render(<LoadError message="服务暂时不可用，请稍后再试" onRetry={retry} />);
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it.each(['FORBIDDEN', 'NOT_CANTEEN_STAFF'] as const)(
    'shows 无权访问 with what to do and 返回首页, and no 重试, for %s',
    (code) => {
      render(<LoadError message={messageFor(code)} onRetry={jest.fn()} />);
      expect(screen.getByText('无权访问')).toBeTruthy();
      expect(screen.getByText(messageFor(code))).toBeTruthy();
      expect(screen.getByText('如需使用，请联系单位管理员开通相应角色')).toBeTruthy();
      expect(screen.queryByText('重试')).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: '返回首页' }));
      expect(taroTest.navigations).toEqual([{ kind: 'switchTab', url: PAGES.home }]);
    },
  );

  it('tells no-access codes apart by their words: no other code shares them', () => {
    const words = Object.values(ERROR_MESSAGES);
    for (const code of ['FORBIDDEN', 'NOT_CANTEEN_STAFF'] as const) {
      expect(words.filter((w) => w === messageFor(code))).toHaveLength(1);
    }
  });
});

describe('Tabs and Chips', () => {
  it('marks the picked tab with aria-selected and reports another pick', () => {
    const onChange = jest.fn();
    render(
      <Tabs
        label="视图"
        items={[
          { value: 'a', label: '甲' },
          { value: 'b', label: '乙' },
        ]}
        value="a"
        onChange={onChange}
      />,
    );
    expect(screen.getByRole('tablist', { name: '视图' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '甲' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: '乙' }).getAttribute('aria-selected')).toBe('false');
    fireEvent.click(screen.getByRole('tab', { name: '甲' }));
    fireEvent.click(screen.getByRole('tab', { name: '乙' }));
    expect(onChange.mock.calls).toEqual([['b']]);
  });

  it('gives every radio aria-checked, and ignores a disabled one', () => {
    const onChange = jest.fn();
    render(
      <Chips
        label="时段"
        options={[
          { value: 'x', label: '11:30', hint: '余 3' },
          { value: 'y', label: '12:00', disabled: true },
        ]}
        value="x"
        onChange={onChange}
      />,
    );
    expect(screen.getByRole('radio', { name: '11:30，余 3' }).getAttribute('aria-checked')).toBe('true');
    const full = screen.getByRole('radio', { name: '12:00' });
    expect(full.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(full);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows one canteen as a plain title, several as tabs', () => {
    const { rerender } = render(
      <CanteenSwitcher canteens={[{ id: 'c1', name: '第一食堂' }]} value="c1" onChange={jest.fn()} />,
    );
    expect(screen.getByText('第一食堂')).toBeTruthy();
    expect(screen.queryByRole('tab')).toBeNull();
    rerender(
      <CanteenSwitcher
        canteens={[
          { id: 'c1', name: '第一食堂' },
          { id: 'c2', name: '第二食堂' },
        ]}
        value="c2"
        onChange={jest.fn()}
      />,
    );
    expect(screen.getByRole('tab', { name: '第二食堂' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('Photo', () => {
  it('names the photo, or says there is none', () => {
    const { rerender } = render(<Photo src="/p.jpg" className="x" alt="红烧肉的照片" />);
    expect(screen.getByRole('img', { name: '红烧肉的照片' })).toBeTruthy();
    rerender(<Photo src={null} className="x" alt="红烧肉的照片" />);
    expect(screen.getByText('暂无图片')).toBeTruthy();
  });
});

describe('FormRow', () => {
  it('shows its label, hint and field, and the refusal only while there is one', () => {
    const { rerender } = render(
      <FormRow label="菜品名称" hint="最多 20 字">
        <input aria-label="名称" />
      </FormRow>,
    );
    expect(screen.getByText('菜品名称')).toBeTruthy();
    expect(screen.getByText('最多 20 字')).toBeTruthy();
    expect(screen.getByLabelText('名称')).toBeTruthy();
    expect(screen.queryByText('请填写菜品名称')).toBeNull();
    rerender(
      <FormRow label="菜品名称" error="请填写菜品名称">
        <input aria-label="名称" />
      </FormRow>,
    );
    expect(screen.getByText('请填写菜品名称')).toBeTruthy();
  });
});

describe('Check', () => {
  it('is a checkbox with aria-checked that reports the other state', () => {
    const onChange = jest.fn();
    render(<Check label="保存后立即上架" checked={false} onChange={onChange} />);
    const box = screen.getByRole('checkbox', { name: '保存后立即上架' });
    expect(box.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledWith(true);
  });
});
