import { describe, expect, it } from 'vitest';
import { canonicalPhone, normalizePhone } from './normalize-phone';

describe('normalizePhone', () => {
  it('reads a mainland mobile as its 11 digits, with or without the country code', () => {
    for (const written of [
      '13812345678',
      '138-1234-5678',
      '138 1234 5678',
      '+86 138 1234 5678',
      '+8613812345678',
      '0086 13812345678',
      '8613812345678',
      '86 138-1234-5678',
    ])
      expect(normalizePhone(written), written).toBe('13812345678');
  });

  it('reads the three ways a landline is written as one national number with its trunk 0', () => {
    for (const written of ['010-12345678', '(010) 1234 5678', '+86 10 1234 5678'])
      expect(normalizePhone(written), written).toBe('01012345678');
    for (const written of ['0086-10-12345678', '+86 (0)10 1234 5678', '861012345678', '01012345678'])
      expect(normalizePhone(written), written).toBe('01012345678');
    for (const written of ['0755-12345678', '(0755)1234-5678', '+86 755 1234 5678', '075512345678'])
      expect(normalizePhone(written), written).toBe('075512345678');
  });

  it('drops an extension however it is written', () => {
    for (const written of [
      '010-12345678 ext. 123',
      '010-12345678#123',
      '010-12345678-123',
      '010-12345678转123',
      '010-12345678 分机 8001',
    ])
      expect(normalizePhone(written), written).toBe('01012345678');
  });

  it('keeps 400 and 800 service numbers as their 10 digits', () => {
    for (const written of ['400-123-4567', '400 123 4567', '4001234567', '+86 400 123 4567'])
      expect(normalizePhone(written), written).toBe('4001234567');
    expect(normalizePhone('800-820-8820')).toBe('8008208820');
  });

  it('keeps other regions’ numbers as E.164 digits, as they were hashed before', () => {
    expect(normalizePhone('+852 2123 4567')).toBe('85221234567');
    expect(normalizePhone('+852 9123-4567')).toBe('85291234567');
    expect(normalizePhone('00852 9123 4567')).toBe('85291234567');
    expect(normalizePhone('+1 (415) 555-1234')).toBe('14155551234');
  });

  it('leaves what is not a known number as its digits, as before', () => {
    expect(normalizePhone('')).toBe('');
    expect(normalizePhone('not a number')).toBe('');
    expect(normalizePhone('95588')).toBe('95588');
    expect(normalizePhone('12345678')).toBe('12345678');
    expect(normalizePhone('0755-1234567')).toBe('07551234567');
  });

  it('writes a number to store as its mainland national digits, or E.164 for other regions', () => {
    expect(canonicalPhone('+86 138 1234 5678')).toBe('13812345678');
    expect(canonicalPhone('(010) 1234 5678 转 12')).toBe('01012345678');
    expect(canonicalPhone('+852 2123 4567')).toBe('+85221234567');
    expect(canonicalPhone(' 95588 ')).toBe('95588');
  });
});
