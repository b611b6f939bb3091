// Tests of the client-side validators: they must agree with the backend's rules.
import { describe, expect, it } from 'vitest';
import {
  checkCardNo,
  checkDepartmentName,
  checkEmployeeNo,
  checkIdNumber,
  checkName,
  checkPhone,
  checkPin,
  idNumberCheckChar,
} from './validation';

const key = (p: { key: string } | null) => p?.key ?? null;

describe('身份证号', () => {
  it('accepts the GB 11643 specimen, with X in either case', () => {
    expect(checkIdNumber('11010519491231002X')).toBeNull();
    expect(checkIdNumber('11010519491231002x')).toBeNull();
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check character and says which one is expected', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ key: 'id_checksum', values: { expected: 'X' } });
  });

  it('refuses wrong lengths, letters and impossible birth dates', () => {
    expect(key(checkIdNumber('1101051949123100'))).toBe('id_format');
    expect(key(checkIdNumber('11010519491231002Y'))).toBe('id_format');
    expect(key(checkIdNumber('X10105194912310021'))).toBe('id_format');
    expect(key(checkIdNumber('110105194913310021'))).toBe('id_birth_date');
    expect(key(checkIdNumber('110105194902300021'))).toBe('id_birth_date');
  });

  it('knows every check character (values worked out by hand from the GB 11643 weights)', () => {
    const cases: Array<[string, string]> = [
      ['44030519900307120', '1'],
      ['44030519900307121', 'X'],
      ['44030519900307122', '8'],
      ['44030519900307123', '6'],
      ['44030519900307124', '4'],
      ['44030519900307125', '2'],
      ['44030519900307126', '0'],
      ['44030519900307127', '9'],
      ['44030519900307128', '7'],
      ['44030519900307129', '5'],
    ];
    for (const [first17, check] of cases) {
      expect(idNumberCheckChar(first17), first17).toBe(check);
      expect(checkIdNumber(first17 + check), first17).toBeNull();
    }
  });

  it('computes check characters for other numbers too', () => {
    // Any 17 digits have exactly one right check character; every other one is refused.
    const first17 = '44030119900307123';
    const expected = idNumberCheckChar(first17);
    expect(checkIdNumber(first17 + expected)).toBeNull();
    const wrong = expected === '0' ? '1' : '0';
    expect(key(checkIdNumber(first17 + wrong))).toBe('id_checksum');
  });

  it('leaves an empty (optional) value alone', () => {
    expect(checkIdNumber('')).toBeNull();
  });
});

describe('考勤机工号 (PIN)', () => {
  it('accepts 1–9 digits without a leading zero', () => {
    for (const ok of ['1', '1001', '123456789']) expect(checkPin(ok), ok).toBeNull();
  });
  it('refuses zero, leading zeros, 10 digits, letters and signs', () => {
    for (const bad of ['0', '012', '1234567890', '12a', '-1', ' 12', '1.5']) {
      expect(key(checkPin(bad)), bad).toBe('bad_pin');
    }
  });
});

describe('卡号', () => {
  it('accepts 1–10 digits up to 4294967295, leading zeros included', () => {
    for (const ok of ['1', '0004567890', '4294967295']) expect(checkCardNo(ok), ok).toBeNull();
  });
  it('refuses zero, too large, too long and non-digits', () => {
    for (const bad of ['0000000000', '4294967296', '12345678901', '12 34', 'abc']) {
      expect(key(checkCardNo(bad)), bad).toBe('bad_card_no');
    }
  });
});

describe('手机/电话', () => {
  it('accepts mobiles (with or without +86) and landlines with area code', () => {
    for (const ok of [
      '13812345678',
      '+86 138 1234 5678',
      '+86-13812345678',
      '+8613812345678',
      '010-12345678',
      '0755 1234567',
      '010-12345678-123',
      '01012345678',
    ]) {
      expect(checkPhone(ok), ok).toBeNull();
    }
  });
  it('refuses short numbers, 12x mobiles, text and bad landlines', () => {
    for (const bad of ['1381234567', '12812345678', '12345', 'phone', '010-123', '138-1234-5678x', '10-12345678']) {
      expect(key(checkPhone(bad)), bad).toBe('bad_phone');
    }
  });
});

describe('工号', () => {
  it('accepts letters, digits, - and _ up to 20 characters', () => {
    for (const ok of ['1001', 'A-01_b', 'x'.repeat(20)]) expect(checkEmployeeNo(ok), ok).toBeNull();
  });
  it('refuses empty, spaces, Chinese characters, other symbols and 21 characters', () => {
    expect(key(checkEmployeeNo(''))).toBe('required');
    expect(key(checkEmployeeNo('10 01'))).toBe('employee_no_chars');
    expect(key(checkEmployeeNo('工号1'))).toBe('employee_no_chars');
    expect(key(checkEmployeeNo('10.01'))).toBe('employee_no_chars');
    expect(key(checkEmployeeNo(' 1001'))).toBe('surrounding_space');
    expect(checkEmployeeNo('x'.repeat(21))).toEqual({ key: 'too_long', values: { max: 20 } });
  });
});

describe('names', () => {
  it('counts characters, not bytes, and refuses surrounding spaces', () => {
    expect(checkName('张'.repeat(50))).toBeNull();
    expect(key(checkName('张'.repeat(51)))).toBe('too_long');
    expect(key(checkName(' 张三'))).toBe('surrounding_space');
    expect(key(checkName('张\t三'))).toBe('control_character');
    expect(key(checkName('   '))).toBe('required');
  });
  it('refuses / in department names', () => {
    expect(checkDepartmentName('生产部')).toBeNull();
    expect(key(checkDepartmentName('生产/一车间'))).toBe('department_name_slash');
  });
});
