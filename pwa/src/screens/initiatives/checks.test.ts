import { describe, expect, it } from 'vitest';
import { EMPTY, checkFields, normalizePhone } from './checks';

describe('the submission form', () => {
  const good = {
    ...EMPTY,
    title: 'Số hóa hồ sơ hộ nghèo',
    category: 'DIGITAL_GOVERNMENT',
    adminUnitCode: '31843',
    summary: 'Chuyển hồ sơ hộ nghèo sang bảng tính dùng chung.',
    problem: 'Hồ sơ giấy thất lạc, rà soát mất hai tuần.',
    solution: 'Tổ công nghệ số cộng đồng nhập liệu hằng tháng.',
    submitterName: 'Nguyễn Thị Hoa',
    submitterPhone: '+84 913 456 789',
  };

  it('passes a complete submission; results and email are optional', () => {
    expect(checkFields(good)).toEqual({});
  });

  it('says what each wrong field needs', () => {
    const problems = checkFields({ ...good, title: 'Ngắn', category: '', submitterPhone: '0123', submitterEmail: 'khong-phai-email', solution: '' });
    expect(problems).toEqual({
      title: { key: 'init.length', params: { min: 10, max: 200, n: 4 } },
      category: { key: 'init.required' },
      solution: { key: 'init.required' },
      submitterPhone: { key: 'init.phoneInvalid' },
      submitterEmail: { key: 'init.emailInvalid' },
    });
  });

  it('normalises phones as core/validation.py does', () => {
    expect(normalizePhone('+84 913 456 789')).toBe('0913456789');
    expect(normalizePhone('0913.456.789')).toBe('0913456789');
    expect(normalizePhone('84913456789')).toBe('0913456789');
    expect(normalizePhone('0290 3831 234')).toBe('02903831234');
    expect(normalizePhone('0123')).toBeNull();
  });
});
