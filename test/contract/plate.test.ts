import { checkPlate, maskPlate, normalizePlate, parsePlate } from '@contract/plate';

describe('车牌 rule shared by the app and the BFF', () => {
  it.each([
    ['浙A12345', 'regular'],
    ['浙AB1234', 'regular'],
    ['京Z9X8Y7', 'regular'],
    ['粤O12345', 'regular'],
    ['浙A1234挂', 'special'],
    ['浙A1234学', 'special'],
    ['浙A1234警', 'special'],
    ['粤Z1234港', 'special'],
    ['粤Z1234澳', 'special'],
    ['沪A1234领', 'special'],
    ['浙AD12345', 'new-energy-small'],
    ['浙AFA1234', 'new-energy-small'],
    ['浙AA12345', 'new-energy-small'],
    ['浙AK12345', 'new-energy-small'],
    ['浙A12345D', 'new-energy-large'],
    ['浙A12345K', 'new-energy-large'],
    ['使014578', 'embassy'],
    ['224使123', 'embassy'],
  ])('accepts %s as %s', (plate, kind) => {
    expect(checkPlate(plate)).toEqual({ ok: true, plate, kind });
  });

  it('normalises what people type: lower case, full width, spaces and dots', () => {
    expect(parsePlate('浙a12345')).toBe('浙A12345');
    expect(parsePlate(' 浙 A·123 45 ')).toBe('浙A12345');
    expect(parsePlate('浙Ａ１２３４５')).toBe('浙A12345');
    expect(parsePlate('浙ａd１２３４５')).toBe('浙AD12345');
    expect(parsePlate('浙\u3000A-12345')).toBe('浙A12345');
    expect(normalizePlate('浙ａｂ１２３４')).toBe('浙AB1234');
  });

  it.each([
    ['浙AI2345', 'I is never a serial letter'],
    ['浙AO2345', 'O is never a serial letter'],
    ['浙A1234', 'too short'],
    ['浙A123456', 'seven characters after the province'],
    ['浙I12345', 'I is no city letter'],
    ['A12345', 'no province'],
    ['哈A12345', 'not a province'],
    ['浙A12345L', 'L does not end a large new-energy plate'],
    ['浙A12345A', 'A does not end a large new-energy plate'],
    ['浙AL12345', 'L does not start a small new-energy serial'],
    ['浙AD1234A', 'a small new-energy plate ends in four digits'],
    ['浙A123挂4', '挂 only at the end'],
    ['浙A1234临', '临 is not accepted'],
    ['使01457', 'embassy plates have six digits'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['浙a i2345', 'lower case with a space, still the wrong shape'],
    ['浙A12345\u0000', 'a control character'],
    ['浙A12345'.repeat(4), 'far too long'],
  ])('refuses %s (%s)', (plate) => {
    expect(checkPlate(plate).ok).toBe(false);
    expect(parsePlate(plate)).toBeNull();
  });

  it('refuses what is not a string without throwing', () => {
    expect(checkPlate(undefined as unknown as string).ok).toBe(false);
  });

  it('masks a plate for shared lists', () => {
    expect(maskPlate('浙A12345')).toBe('浙A***45');
    expect(maskPlate('浙AD12345')).toBe('浙A***45');
  });
});
