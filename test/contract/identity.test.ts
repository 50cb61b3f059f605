import {
  idCheckCharacter,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile,
  maskName,
  normalizeIdNumber,
} from '@contract/identity';

/** A valid ID number of the given first 17 characters (check character computed). */
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);

describe('identity rules', () => {
  it('accepts an ID number with its GB 11643 check character and a real birth date', () => {
    // The standard's own example: 11010519491231002X.
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber(withCheck('33010619900101123'))).toBe(true);
    expect(isValidIdNumber(normalizeIdNumber(' 11010519491231002x '))).toBe(true);
  });

  it('refuses a wrong check character, a date that does not exist, a future birth date, a bad shape', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(withCheck('33010619900230123'))).toBe(false); // 30 February
    expect(isValidIdNumber(withCheck('33010619000229123'))).toBe(false); // 1900 is not a leap year
    expect(isValidIdNumber(withCheck('33010620000229123'))).toBe(true); // 2000 is
    expect(isValidIdNumber(withCheck('33010618991231123'))).toBe(false); // before 1900
    expect(isValidIdNumber(withCheck('33010620270101123'), '2026-12-07')).toBe(false);
    expect(isValidIdNumber(withCheck('33010620261207123'), '2026-12-07')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(false); // not normalised
    expect(isValidIdNumber('01010519491231002X')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('accepts mainland mobiles 13–19 and nothing else', () => {
    expect(isValidMobile('13812341234')).toBe(true);
    expect(isValidMobile('19912341234')).toBe(true);
    for (const bad of ['12812341234', '1381234123', '138123412345', '+8613812341234', '138 1234 1234', ''])
      expect(isValidMobile(bad)).toBe(false);
  });

  it('masks as the screens show them', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskIdNumber('330106199001011234')).toBe('3301**********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('张*');
  });
});
