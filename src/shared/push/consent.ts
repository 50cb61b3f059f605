/**
 * Consent to pushes, asked on the tap that leads to them. Only WeChat asks (subscribe messages:
 * one consent lets one message through); Taro picks `consent.weapp.ts` there. Everywhere else
 * (H5, 浙政钉 — whose work notices need no consent — jest, type-checking) this does nothing.
 *
 * Call `askPushConsent()` first thing in the tap's handler, before any `await`: WeChat shows its
 * dialog only inside a tap, never on page load or after a request has returned.
 */
export type ConsentOutcome = 'accepted' | 'declined' | 'not-asked';

export function askPushConsent(): Promise<ConsentOutcome> {
  return Promise.resolve('not-asked');
}
