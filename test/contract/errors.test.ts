/** @jest-environment node */
import { ERROR_CODES, ERROR_MESSAGES, ERROR_SOURCES } from '@contract/errors';

describe('error codes', () => {
  it('are defined by exactly one module each', () => {
    const owners = new Map<string, string[]>();
    for (const [module, codes] of Object.entries(ERROR_SOURCES)) {
      for (const code of Object.keys(codes)) owners.set(code, [...(owners.get(code) ?? []), module]);
    }
    const twice = [...owners].filter(([, modules]) => modules.length > 1);
    expect(twice).toEqual([]);
    expect(ERROR_CODES.length).toBe(owners.size);
  });

  it('each carry a Chinese message', () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/);
  });
});
