import * as fallback from '../scan';
import * as h5 from '../scan.h5';
import * as weapp from '../scan.weapp';

jest.mock('gdt-jsapi/es/scan', () => ({ __esModule: true, default: jest.fn() }));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { scanCode: jest.fn() } }));

const gdtScan = () => jest.requireMock<{ default: jest.Mock }>('gdt-jsapi/es/scan').default;
const taroScan = () => jest.requireMock<{ default: { scanCode: jest.Mock } }>('@tarojs/taro').default.scanCode;

function withUserAgent(ua: string) {
  jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(ua);
}

afterEach(() => jest.restoreAllMocks());

describe('camera scan per platform', () => {
  it('has no camera by default (jest, other platforms): the code is typed in', async () => {
    expect(fallback.canScan()).toBe(false);
    expect(await fallback.scanCode()).toEqual({ kind: 'unavailable' });
  });

  it('H5 in a plain browser: no scan, and gdt-jsapi is never loaded', async () => {
    withUserAgent('Mozilla/5.0 (iPhone) Safari/604.1');
    expect(h5.canScan()).toBe(false);
    expect(await h5.scanCode()).toEqual({ kind: 'unavailable' });
    expect(gdtScan()).not.toHaveBeenCalled();
  });

  it('H5 inside 浙政钉: gdt-jsapi scan, with a cancel told apart from a failure', async () => {
    withUserAgent('Mozilla/5.0 (iPhone) AliApp(DingTalk/6.5) TaurusApp/1.0');
    expect(h5.canScan()).toBe(true);
    gdtScan().mockResolvedValueOnce({ text: '482915' });
    expect(await h5.scanCode()).toEqual({ kind: 'ok', text: '482915' });
    expect(gdtScan()).toHaveBeenCalledWith({ type: 'qrCode' });
    gdtScan().mockRejectedValueOnce({ errorMessage: '用户取消' });
    expect(await h5.scanCode()).toEqual({ kind: 'cancelled' });
    gdtScan().mockRejectedValueOnce(new Error('camera denied'));
    expect(await h5.scanCode()).toEqual({ kind: 'failed' });
  });

  it('WeChat: Taro.scanCode from the camera', async () => {
    expect(weapp.canScan()).toBe(true);
    taroScan().mockResolvedValueOnce({ result: '482915' });
    expect(await weapp.scanCode()).toEqual({ kind: 'ok', text: '482915' });
    expect(taroScan()).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
    taroScan().mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' });
    expect(await weapp.scanCode()).toEqual({ kind: 'cancelled' });
  });
});
