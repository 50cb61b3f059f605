import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import WritePage from '@/packages/mailbox/pages/write/index';

jest.mock('@/shared/push/consent', () => ({ askPushConsent: jest.fn(() => Promise.resolve('accepted')) }));
const asked = () => jest.requireMock<{ askPushConsent: jest.Mock }>('@/shared/push/consent').askPushConsent;

describe('push consent is asked on the tap that leads to a push, never on load', () => {
  it('写信: not when the page opens, once when 发送 is tapped with a letter ready', async () => {
    taroTest.setRoute('/packages/mailbox/pages/write/index');
    signInAs('demo-staff');
    render(<WritePage />);
    await screen.findByText('信件类别');
    expect(asked()).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('发送')); // nothing chosen: refused before any request, nothing asked
    expect(asked()).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('radio', { name: '物业维修' }));
    fireEvent.input(screen.getByLabelText('信件内容'), { target: { value: '三楼茶水间的水龙头一直漏水' } });
    fireEvent.click(screen.getByText('发送'));
    expect(asked()).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(taroTest.toasts).toEqual(['已发送']));
  });
});
