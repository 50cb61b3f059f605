import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { http } from 'msw';
import { canteenMock } from '../../../../mock/canteen';
import { errorResponse } from '../../../../mock/handlers';
import { addMockSignup } from '../../../../mock/headcount';
import { server } from '../../../../mock/node';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import EditorPage from '@/packages/canteen/pages/editor/index';
import DishesPage from '@/packages/canteen/pages/dishes/index';
import DishEditPage from '@/packages/canteen/pages/dish-edit/index';
import ForecastPage from '@/packages/canteen/pages/forecast/index';
import ManagePage from '@/packages/canteen/pages/manage/index';
import { MONDAY_NOON, realNow, setNow } from './clock';

const EDITOR = '/packages/canteen/pages/editor/index';
/** 12月1日 is a week past the published menus: its meals are drafts. */
const DRAFT_DAY = '2026-12-01';

const meal = (name: '早餐' | '午餐' | '晚餐') => within(screen.getByLabelText(name));
const menuOf = (date: string, m: string) => canteenMock().menus.get(`canteen-1|${date}|${m}`);

describe('canteen management', () => {
  beforeEach(() => setNow(MONDAY_NOON));
  afterEach(realNow);

  it('offers canteen staff the dish library, menu editor and forecast, and admins the settings too', async () => {
    taroTest.setRoute('/packages/canteen/pages/manage/index');
    signInAs('demo-canteen');
    const { unmount } = render(<ManagePage />);
    expect(await screen.findByText('菜单编排')).toBeTruthy();
    expect(screen.getByText('菜品库')).toBeTruthy();
    expect(screen.getByText('报餐与评价')).toBeTruthy();
    expect(screen.queryByText('食堂设置')).toBeNull();
    // 王芳 works for 第一食堂 only: named, nothing to pick.
    expect(screen.getAllByText('第一食堂').length).toBeGreaterThan(0);
    expect(screen.queryByRole('tab')).toBeNull();
    expect(screen.queryByText('第二食堂')).toBeNull();
    unmount();

    signInAs('demo-admin');
    render(<ManagePage />);
    expect(await screen.findByText('食堂设置')).toBeTruthy();
    expect(screen.getByRole('tab', { name: '第二食堂' })).toBeTruthy();
  });

  it('tells staff who manage no canteen so', async () => {
    taroTest.setRoute('/packages/canteen/pages/manage/index');
    signInAs('demo-staff');
    render(<ManagePage />);
    expect(await screen.findByText('您还没有负责的食堂')).toBeTruthy();
  });

  describe('菜单编排', () => {
    it('publishes a drafted meal', async () => {
      taroTest.setRoute(`${EDITOR}?canteenId=canteen-1&date=${DRAFT_DAY}`);
      signInAs('demo-canteen');
      render(<EditorPage />);
      expect(await screen.findByText('12月1日 周二')).toBeTruthy();
      expect(meal('午餐').getByText('草稿·未发布')).toBeTruthy();
      expect(meal('午餐').getByLabelText('红烧肉')).toBeTruthy();

      fireEvent.click(screen.getByRole('button', { name: '发布午餐' }));

      await waitFor(() => expect(meal('午餐').getByText('已发布')).toBeTruthy());
      expect(meal('晚餐').getByText('草稿·未发布')).toBeTruthy();
      expect(taroTest.toasts).toEqual(['已发布']);
      expect(menuOf(DRAFT_DAY, 'lunch')?.published).toBe(true);
    });

    it('publishes the whole day', async () => {
      taroTest.setRoute(`${EDITOR}?canteenId=canteen-1&date=${DRAFT_DAY}`);
      signInAs('demo-canteen');
      render(<EditorPage />);
      await screen.findByText('12月1日 周二');

      fireEvent.click(screen.getByText('发布全天'));

      await waitFor(() => expect(screen.getAllByText('已发布')).toHaveLength(3));
      expect(screen.queryByText('草稿·未发布')).toBeNull();
    });

    it('withdraws a published meal only after confirmation', async () => {
      taroTest.setRoute(`${EDITOR}?canteenId=canteen-1&date=2026-11-24`);
      signInAs('demo-canteen');
      render(<EditorPage />);
      await screen.findByText('11月24日 周二（明天）');

      fireEvent.click(screen.getByRole('button', { name: '撤回午餐' }));
      const dialog = screen.getByRole('dialog', { name: '撤回发布' });
      expect(
        within(dialog).getByText('撤回后职工将看不到11月24日午餐的菜单，已有的评价会保留。确定撤回？'),
      ).toBeTruthy();
      fireEvent.click(within(dialog).getByText('取消'));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(menuOf('2026-11-24', 'lunch')?.published).toBe(true);

      fireEvent.click(screen.getByRole('button', { name: '撤回午餐' }));
      fireEvent.click(within(screen.getByRole('dialog', { name: '撤回发布' })).getByText('撤回'));

      await waitFor(() => expect(meal('午餐').getByText('草稿·未发布')).toBeTruthy());
      expect(menuOf('2026-11-24', 'lunch')?.published).toBe(false);
      expect(taroTest.toasts).toEqual(['已撤回发布']);
    });

    it('adds a dish from the library and removes one', async () => {
      taroTest.setRoute(`${EDITOR}?canteenId=canteen-1&date=${DRAFT_DAY}`);
      signInAs('demo-canteen');
      render(<EditorPage />);
      await screen.findByText('12月1日 周二');

      fireEvent.click(meal('晚餐').getByText('添加菜品'));
      const sheet = within(await screen.findByRole('dialog', { name: '添加到晚餐' }));
      // Retired dishes and those already on the meal are not offered.
      expect(sheet.queryByText('水煮鱼')).toBeNull();
      expect(sheet.queryByText('宫保鸡丁')).toBeNull();
      fireEvent.click(await sheet.findByRole('button', { name: '添加 清蒸鲈鱼' }));
      await waitFor(() => expect(meal('晚餐').getByLabelText('清蒸鲈鱼')).toBeTruthy());
      fireEvent.click(sheet.getByText('完成'));

      fireEvent.click(meal('晚餐').getByRole('button', { name: '移除 米饭' }));
      await waitFor(() => expect(meal('晚餐').queryByLabelText('米饭')).toBeNull());
      const dinner = menuOf(DRAFT_DAY, 'dinner')!.dishIds.map((id) => canteenMock().dishes.get(id)?.name);
      expect(dinner).toEqual(['宫保鸡丁', '麻婆豆腐', '时令水果', '清蒸鲈鱼']);
    });

    it('says why a copy onto a published day is refused', async () => {
      server.use(
        http.post('*/api/canteens/:canteenId/menu/copy', () => errorResponse(409, 'MENU_PUBLISHED'), { once: true }),
      );
      taroTest.setRoute(`${EDITOR}?canteenId=canteen-1&date=2026-11-24`);
      signInAs('demo-canteen');
      render(<EditorPage />);
      await screen.findByText('11月24日 周二（明天）');

      fireEvent.click(screen.getByText('复制前一天'));
      fireEvent.click(within(screen.getByRole('dialog', { name: '复制菜单' })).getByText('复制'));

      await waitFor(() => expect(taroTest.toasts).toEqual(['目标日期的菜单已发布，请先撤回发布再复制']));
    });
  });

  it('菜品库: retires a dish after confirmation', async () => {
    taroTest.setRoute('/packages/canteen/pages/dishes/index?canteenId=canteen-1');
    signInAs('demo-canteen');
    render(<DishesPage />);
    const pork = await screen.findByLabelText('红烧肉');
    expect(screen.getByText('在用（12）')).toBeTruthy();

    fireEvent.click(within(pork).getByText('停用'));
    fireEvent.click(within(screen.getByRole('dialog', { name: '停用菜品' })).getByText('停用'));

    await waitFor(() => expect(screen.queryByLabelText('红烧肉')).toBeNull());
    expect(screen.getByText('在用（11）')).toBeTruthy();
    fireEvent.click(screen.getByText('已停用（2）'));
    expect(screen.getByLabelText('红烧肉')).toBeTruthy();
    expect(screen.getByLabelText('水煮鱼')).toBeTruthy();
  });

  it('报餐与评价: shows the headcount per day and meal, and the vote ranking', async () => {
    addMockSignup('demo-staff', '2026-11-24', 'lunch', 'canteen-1');
    addMockSignup('demo-staff-2', '2026-11-24', 'lunch', 'canteen-1');
    addMockSignup('demo-admin', '2026-11-24', 'dinner', 'canteen-1');
    addMockSignup('demo-staff', '2026-11-25', 'lunch', 'canteen-2');
    taroTest.setRoute('/packages/canteen/pages/forecast/index?canteenId=canteen-1');
    signInAs('demo-canteen');
    render(<ForecastPage />);

    const tuesday = within(await screen.findByLabelText('11月24日报餐'));
    expect(tuesday.getAllByText(/^\d+$/).map((el) => el.textContent)).toEqual(['2', '1', '3']);
    expect(screen.getByLabelText('11月25日报餐').textContent).toContain('000');
    expect(screen.getByText('3', { selector: '.ct-summary__big' })).toBeTruthy();

    expect(await screen.findByText('好评榜')).toBeTruthy();
    expect(within(screen.getByLabelText('红烧肉')).getByText('+4')).toBeTruthy();
    expect(screen.getByText('另有 1 道菜评价不足 3 票，未计入排行。')).toBeTruthy();
  });
});

describe('菜品 form', () => {
  /** Taro's chooseImage / uploadFile for jsdom: picked "files" are byte arrays, sent as multipart through fetch (msw). */
  const files = new Map<string, { bytes: Uint8Array<ArrayBuffer>; type: string }>();
  const TaroApi = Taro as unknown as Record<string, unknown>;
  let picked: string | null = null;

  beforeEach(() => {
    setNow(MONDAY_NOON);
    files.set('wxfile://dish.png', {
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]),
      type: 'image/png',
    });
    files.set('wxfile://menu.png', { bytes: new TextEncoder().encode('GIF89a, not a png'), type: 'image/png' });
    TaroApi.chooseImage = async () => {
      const file = picked ? files.get(picked) : undefined;
      if (!picked || !file) throw { errMsg: 'chooseImage:fail cancel' };
      return { tempFilePaths: [picked], tempFiles: [{ path: picked, size: file.bytes.length, type: file.type }] };
    };
    TaroApi.uploadFile = async (option: {
      url: string;
      filePath: string;
      name: string;
      header: Record<string, string>;
    }) => {
      const file = files.get(option.filePath)!;
      const form = new FormData();
      form.append(option.name, new Blob([file.bytes], { type: file.type }), 'upload');
      const res = await fetch(new URL(option.url, 'http://localhost').toString(), {
        method: 'POST',
        headers: option.header,
        body: form,
      });
      return { statusCode: res.status, data: await res.text(), errMsg: 'uploadFile:ok' };
    };
  });
  afterEach(() => {
    delete TaroApi.chooseImage;
    delete TaroApi.uploadFile;
    picked = null;
    realNow();
  });

  it('creates a dish with a photo; a file that is not JPEG/PNG/WebP is refused in Chinese', async () => {
    taroTest.setRoute('/packages/canteen/pages/dish-edit/index?canteenId=canteen-1');
    signInAs('demo-canteen');
    render(<DishEditPage />);
    await screen.findByText('菜品名称');

    fireEvent.click(screen.getByText('保存'));
    expect(screen.getByText('请填写菜品名称')).toBeTruthy();

    fireEvent.input(screen.getByPlaceholderText('例如：红烧肉'), { target: { value: '蒜蓉娃娃菜' } });
    fireEvent.click(screen.getByRole('radio', { name: '素菜' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '大豆' }));
    fireEvent.input(screen.getByPlaceholderText('输入标签'), { target: { value: '清淡' } });
    fireEvent.click(screen.getByText('添加'));
    expect(screen.getByRole('button', { name: '删除标签 清淡' })).toBeTruthy();

    // The server looks at the bytes, not the name: this one is refused.
    server.use(http.post('*/api/uploads/images', () => errorResponse(415, 'UPLOAD_TYPE_NOT_ALLOWED'), { once: true }));
    picked = 'wxfile://menu.png';
    fireEvent.click(screen.getByText('上传照片'));
    expect(await screen.findByText('只能上传 JPG、PNG 或 WebP 格式的图片，请换一张')).toBeTruthy();

    picked = 'wxfile://dish.png';
    fireEvent.click(screen.getByText('上传照片'));
    expect(await screen.findByText('更换照片')).toBeTruthy();
    expect(screen.queryByText('只能上传 JPG、PNG 或 WebP 格式的图片，请换一张')).toBeNull();

    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(taroTest.toasts).toEqual(['已保存']));
    const dish = [...canteenMock().dishes.values()].find((d) => d.name === '蒜蓉娃娃菜');
    expect(dish).toMatchObject({ category: '素菜', tags: ['清淡'], allergens: ['大豆'], canteenId: 'canteen-1' });
    expect(dish?.photoUrl).toMatch(/^\/api\/uploads\/[0-9a-f]{32}\.png$/);
  });

  it('says when the name is taken', async () => {
    server.use(
      http.post('*/api/canteens/:canteenId/dishes', () => errorResponse(409, 'DISH_NAME_TAKEN'), { once: true }),
    );
    taroTest.setRoute('/packages/canteen/pages/dish-edit/index?canteenId=canteen-1');
    signInAs('demo-canteen');
    render(<DishEditPage />);
    await screen.findByText('菜品名称');
    fireEvent.input(screen.getByPlaceholderText('例如：红烧肉'), { target: { value: '红烧肉' } });
    fireEvent.click(screen.getByRole('radio', { name: '荤菜' }));
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('本食堂已有同名菜品（含已停用的），请换个名称或恢复原菜品')).toBeTruthy();
  });
});
