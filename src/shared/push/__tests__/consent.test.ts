jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: jest.fn() } }));

const taroAsk = () =>
  jest.requireMock<{ default: { requestSubscribeMessage: jest.Mock } }>('@tarojs/taro').default.requestSubscribeMessage;

async function weappWith(templateId: string) {
  process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATE_ID = templateId;
  let module: typeof import('../consent.weapp') | undefined;
  jest.isolateModules(() => {
    module = jest.requireActual<typeof import('../consent.weapp')>('../consent.weapp');
  });
  return module!;
}

afterEach(() => {
  delete process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATE_ID;
  taroAsk().mockReset();
});

describe('push consent per platform', () => {
  it('asks nothing by default (H5, 浙政钉, jest)', async () => {
    const { askPushConsent } = await import('../consent');
    expect(await askPushConsent()).toBe('not-asked');
    expect(taroAsk()).not.toHaveBeenCalled();
  });

  it('WeChat: asks for the configured template and tells accept from decline', async () => {
    const { askPushConsent } = await weappWith('TPL-1');
    taroAsk().mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'TPL-1': 'accept' });
    expect(await askPushConsent()).toBe('accepted');
    expect(taroAsk()).toHaveBeenCalledWith({ tmplIds: ['TPL-1'], entityIds: [] });
    taroAsk().mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'TPL-1': 'reject' });
    expect(await askPushConsent()).toBe('declined');
    taroAsk().mockRejectedValueOnce({
      errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
    });
    expect(await askPushConsent()).toBe('declined');
  });

  it('WeChat without a template configured: asks nothing', async () => {
    const { askPushConsent } = await weappWith('');
    expect(await askPushConsent()).toBe('not-asked');
    expect(taroAsk()).not.toHaveBeenCalled();
  });
});
