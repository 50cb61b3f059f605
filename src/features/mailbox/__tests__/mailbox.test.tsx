import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { addMockLetters, mailboxMock } from '../../../../mock/mailbox';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import LettersPage from '@/packages/mailbox/pages/letters/index';
import WritePage from '@/packages/mailbox/pages/write/index';
import LetterPage from '@/packages/mailbox/pages/letter/index';
import InboxPage from '@/packages/mailbox/pages/inbox/index';

const cards = () => screen.getAllByRole('button').filter((b) => b.classList.contains('mb-card'));
/** A letter card as `类别，状态`. */
const summary = (card: HTMLElement) =>
  `${card.querySelector('.mb-card__category')?.textContent}，${card.querySelector('.mb-tag')?.textContent}`;
const dialog = () => within(screen.getByRole('dialog'));

describe('我的信件', () => {
  beforeEach(() => taroTest.setRoute('/packages/mailbox/pages/letters/index'));

  it('lists my letters newest first with their status, and opens one', async () => {
    signInAs('demo-staff');
    render(<LettersPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();

    await screen.findByText(/地下车库B2层/);
    expect(cards().map(summary)).toEqual(['停车交通，待回复', '餐饮服务，已回复']);
    expect(screen.getByText('没有更多了')).toBeTruthy();
    // Staff have no inbox.
    expect(screen.queryByText('收件箱')).toBeNull();

    fireEvent.click(cards()[0]);
    expect(taroTest.navigations.at(-1)?.url).toBe('/packages/mailbox/pages/letter/index?id=letter-0002');
  });

  it('says so when there are none, and admins get the inbox too', async () => {
    signInAs('demo-admin');
    render(<LettersPage />);
    expect(await screen.findByText('还没有写过信')).toBeTruthy();
    fireEvent.click(screen.getByText('收件箱'));
    expect(taroTest.navigations.at(-1)?.url).toBe('/packages/mailbox/pages/inbox/index');
  });

  it('shows the error and recovers with 重试', async () => {
    server.use(http.get('*/api/mailbox/letters', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<LettersPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText(/地下车库B2层/)).toBeTruthy();
  });

  it('loads the next page when scrolled to the bottom, and refreshes on pull-down', async () => {
    addMockLetters(25);
    signInAs('demo-staff');
    render(<LettersPage />);
    await screen.findByText(/地下车库B2层/);
    expect(cards()).toHaveLength(20);
    expect(screen.getByText('加载更多')).toBeTruthy();

    taroTest.reachBottom();
    await waitFor(() => expect(cards()).toHaveLength(27));
    expect(screen.getByText('没有更多了')).toBeTruthy();

    mailboxMock().letters.unshift({ ...mailboxMock().letters[0], id: 'letter-0999', body: '电梯按钮不灵敏' });
    taroTest.pullDown();
    expect(await screen.findByText('电梯按钮不灵敏')).toBeTruthy();
    await waitFor(() => expect(taroTest.stoppedPullDown).toBe(1));
  });

  it('keeps the list and says why when the next page fails', async () => {
    addMockLetters(25);
    server.use(
      http.get('*/api/mailbox/letters', ({ request }) =>
        new URL(request.url).searchParams.has('cursor') ? errorResponse(503, 'INTERNAL') : undefined,
      ),
    );
    signInAs('demo-staff');
    render(<LettersPage />);
    await screen.findByText(/地下车库B2层/);
    fireEvent.click(screen.getByText('加载更多'));
    await waitFor(() => expect(taroTest.toasts).toEqual(['服务暂时不可用，请稍后再试']));
    expect(cards()).toHaveLength(20);
    expect(screen.getByText('加载更多')).toBeTruthy();
  });
});

describe('写信', () => {
  /** Taro's chooseImage / uploadFile for jsdom: a picked "file" is a few PNG bytes sent as multipart through fetch (msw). */
  const TaroApi = Taro as unknown as Record<string, unknown>;
  let picks = 0;

  beforeEach(() => {
    taroTest.setRoute('/packages/mailbox/pages/write/index');
    picks = 0;
    TaroApi.chooseImage = async () => {
      picks += 1;
      const path = `blob:photo-${picks}`;
      return { tempFilePaths: [path], tempFiles: [{ path, size: 10, type: 'image/png' }] };
    };
    TaroApi.uploadFile = async (option: { url: string; name: string; header: Record<string, string> }) => {
      const form = new FormData();
      form.append(option.name, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1])], { type: 'image/png' }), 'p');
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
  });

  it('sends an anonymous letter with photos, then shows it', async () => {
    signInAs('demo-staff');
    render(<WritePage />);
    await screen.findByText('信件类别');

    fireEvent.click(screen.getByText('发送'));
    expect(screen.getByText('请选择信件类别')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '物业维修' }));
    expect(screen.getByText('由孙丽负责回复')).toBeTruthy();
    fireEvent.click(screen.getByText('发送'));
    expect(screen.getByText('请填写信件内容')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('信件内容'), { target: { value: '三楼茶水间的水龙头一直漏水' } });
    expect(screen.getByText('13/2000')).toBeTruthy();
    expect(screen.getByText('处理人员看不到是谁写的，回复仍会送达您本人')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: '匿名' }));

    fireEvent.click(screen.getByRole('button', { name: '添加图片' }));
    await screen.findByText('图片（选填，1/9）');
    fireEvent.click(screen.getByRole('button', { name: '添加图片' }));
    await screen.findByText('图片（选填，2/9）');
    fireEvent.click(screen.getByRole('button', { name: '删除第 1 张图片' }));
    expect(screen.getByText('图片（选填，1/9）')).toBeTruthy();

    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText('发送中…')).toBeTruthy();
    await waitFor(() => expect(taroTest.toasts).toEqual(['已发送']));

    const letter = mailboxMock().letters[0];
    expect(letter).toMatchObject({ categoryId: 'mb-property', anonymous: true, body: '三楼茶水间的水龙头一直漏水' });
    expect(letter.photoUrls).toHaveLength(1);
    expect(taroTest.navigations.at(-1)).toEqual({
      kind: 'redirectTo',
      url: `/packages/mailbox/pages/letter/index?id=${letter.id}`,
    });
  });

  it('says in Chinese why a send failed, and keeps what was written', async () => {
    server.use(
      http.post('*/api/mailbox/letters', () => errorResponse(404, 'MAILBOX_CATEGORY_NOT_FOUND'), { once: true }),
    );
    signInAs('demo-staff');
    render(<WritePage />);
    fireEvent.click(await screen.findByRole('radio', { name: '其他建议' }));
    fireEvent.input(screen.getByLabelText('信件内容'), { target: { value: '希望增加自行车停放点' } });
    fireEvent.click(screen.getByText('发送'));

    expect(await screen.findByText('该信件类别不存在，请刷新后重新选择')).toBeTruthy();
    expect(screen.getByText('发送')).toBeTruthy();
    expect((screen.getByLabelText('信件内容') as HTMLTextAreaElement).value).toBe('希望增加自行车停放点');
  });

  it('says why a photo was refused', async () => {
    server.use(http.post('*/api/uploads/images', () => errorResponse(413, 'UPLOAD_TOO_LARGE'), { once: true }));
    signInAs('demo-staff');
    render(<WritePage />);
    fireEvent.click(await screen.findByRole('radio', { name: '其他建议' }));
    fireEvent.input(screen.getByLabelText('信件内容'), { target: { value: '附图说明' } });
    fireEvent.click(screen.getByRole('button', { name: '添加图片' }));
    await screen.findByText('图片（选填，1/9）');
    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText('第 1 张图片上传失败：图片不能超过 5 MB，请压缩后重新上传')).toBeTruthy();
    expect(mailboxMock().letters).toHaveLength(2);

    // A second try sends it.
    fireEvent.click(screen.getByText('发送'));
    await waitFor(() => expect(taroTest.toasts).toEqual(['已发送']));
    expect(mailboxMock().letters[0].photoUrls).toHaveLength(1);
  });
});

describe('信件详情', () => {
  it('shows the reply; the writer rates it once, after confirming', async () => {
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0001');
    signInAs('demo-staff');
    render(<LetterPage />);

    expect(await screen.findByText('感谢反馈，已请厨师长调整口味，欢迎继续监督。')).toBeTruthy();
    expect(screen.getByText('匿名来信：处理人员看不到您的姓名')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '4 分' }));
    expect(screen.getByText('满意')).toBeTruthy();
    fireEvent.click(screen.getByText('提交评价'));
    expect(dialog().getByText('评为 4 分（满意）。评价只能提交一次，确定吗？')).toBeTruthy();
    fireEvent.click(dialog().getByText('提交'));

    expect(await screen.findByText('已评价')).toBeTruthy();
    expect(screen.queryByText('提交评价')).toBeNull();
    expect(mailboxMock().letters.find((l) => l.id === 'letter-0001')?.score).toBe(4);
  });

  it('says why a rating was refused', async () => {
    server.use(
      http.post('*/api/mailbox/letters/:id/rate', () => errorResponse(409, 'LETTER_ALREADY_RATED'), { once: true }),
    );
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0001');
    signInAs('demo-staff');
    render(<LetterPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '5 分' }));
    fireEvent.click(screen.getByText('提交评价'));
    fireEvent.click(dialog().getByText('提交'));
    expect(await screen.findByText('您已经评价过这次回复，不能重复评价')).toBeTruthy();
  });

  it('shows the letter’s photos', async () => {
    mailboxMock().letters[0].photoUrls = ['/api/uploads/aaaa.png', '/api/uploads/bbbb.png'];
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0002');
    signInAs('demo-staff');
    render(<LetterPage />);
    const second = await screen.findByLabelText('来信图片 2，点按查看大图');
    expect(second.getAttribute('src')).toMatch(/\/api\/uploads\/bbbb\.png$/);
  });

  it('tells the writer a letter still waits for its reply', async () => {
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0002');
    signInAs('demo-staff');
    render(<LetterPage />);
    expect(await screen.findByText('等待回复中，回复后会在“消息”里通知您')).toBeTruthy();
    expect(screen.queryByText('发送回复')).toBeNull();
  });

  it('shows a reply that came while the letter was open, on pull-down', async () => {
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0002');
    signInAs('demo-staff');
    render(<LetterPage />);
    await screen.findByText('等待回复中，回复后会在“消息”里通知您');
    const waiting = mailboxMock().letters.find((l) => l.id === 'letter-0002')!;
    Object.assign(waiting, {
      status: 'replied',
      reply: { body: '已安排维修，本周内完成。', by: '高处长', at: '2026-12-07T10:00:00+08:00' },
    });
    act(() => taroTest.pullDown());
    expect(await screen.findByText('已安排维修，本周内完成。')).toBeTruthy();
    await waitFor(() => expect(taroTest.stoppedPullDown).toBe(1));
  });

  it('says so for a letter that is not there', async () => {
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-nope');
    signInAs('demo-staff');
    render(<LetterPage />);
    expect(await screen.findByText('信件不存在或您无权查看')).toBeTruthy();
  });
});

describe('收件箱', () => {
  it('shows the figures and the open letters; an anonymous letter names no one', async () => {
    mailboxMock().letters.unshift({
      ...mailboxMock().letters[1],
      id: 'letter-0100',
      body: '食堂排队太久',
      reply: null,
      anonymous: true,
    });
    taroTest.setRoute('/packages/mailbox/pages/inbox/index');
    signInAs('demo-admin');
    render(<InboxPage />);

    expect(await screen.findByText('食堂排队太久')).toBeTruthy();
    expect(screen.getByText('待回复 2')).toBeTruthy();
    expect(screen.getByText('已回复 1')).toBeTruthy();
    expect(screen.getByText('平均分 暂无')).toBeTruthy();
    expect(cards().map(summary)).toEqual(['餐饮服务，待回复', '停车交通，待回复']);
    const [anonymous, named] = cards();
    expect(within(anonymous).getByText('匿名来信')).toBeTruthy();
    expect(within(anonymous).queryByText(/张/)).toBeNull();
    expect(within(named).getByText(/杭州市/)).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: '已回复' }));
    await waitFor(() => expect(cards().map(summary)).toEqual(['餐饮服务，已回复']));
    expect(screen.getByRole('tab', { name: '已回复' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows the average rating with one decimal', async () => {
    mailboxMock().letters[1].score = 4;
    taroTest.setRoute('/packages/mailbox/pages/inbox/index');
    signInAs('demo-admin');
    render(<InboxPage />);
    expect(await screen.findByText('平均分 4.0')).toBeTruthy();
  });

  it('replies after confirming; the letter shows the reply', async () => {
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0002');
    signInAs('demo-admin');
    render(<LetterPage />);
    await screen.findByText(/地下车库B2层/);

    fireEvent.click(screen.getByText('发送回复'));
    expect(screen.getByText('请填写回复内容')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('回复内容'), { target: { value: '已安排更换指示牌位置' } });
    fireEvent.click(screen.getByText('发送回复'));
    fireEvent.click(dialog().getByText('发送'));

    expect(await screen.findByText('已安排更换指示牌位置')).toBeTruthy();
    expect(screen.getByText('已回复')).toBeTruthy();
    expect(screen.queryByText('发送回复')).toBeNull();
    expect(screen.queryByText('提交评价')).toBeNull();
  });

  it('says why a reply was refused and keeps the text', async () => {
    server.use(
      http.post('*/api/mailbox/letters/:id/reply', () => errorResponse(409, 'LETTER_ALREADY_REPLIED'), { once: true }),
    );
    taroTest.setRoute('/packages/mailbox/pages/letter/index?id=letter-0002');
    signInAs('demo-admin');
    render(<LetterPage />);
    fireEvent.input(await screen.findByLabelText('回复内容'), { target: { value: '收到' } });
    fireEvent.click(screen.getByText('发送回复'));
    fireEvent.click(dialog().getByText('发送'));
    expect(await screen.findByText('这封信已经回复过了，不能重复回复')).toBeTruthy();
    expect((screen.getByLabelText('回复内容') as HTMLTextAreaElement).value).toBe('收到');
  });

  it('is for admins only', () => {
    taroTest.setRoute('/packages/mailbox/pages/inbox/index');
    signInAs('demo-staff');
    render(<InboxPage />);
    expect(screen.getByText('收件箱仅供负责回复的管理员使用')).toBeTruthy();
  });
});
