import { describe, expect, it } from 'vitest';
import { isOrganizationCertificate } from './certificate-kind';

describe('certificate holder kind', () => {
  it('tells the organization seal certificate from a person’s', () => {
    const org = 'Ủy ban nhân dân tỉnh Thử Nghiệm';
    expect(isOrganizationCertificate({ subject: `CN=${org}, O=${org}, C=VN`, subjectCommonName: org })).toBe(true);
    expect(isOrganizationCertificate({ subject: `CN=Nguyễn Văn Đức, O=${org}, C=VN`, subjectCommonName: 'Nguyễn Văn Đức' })).toBe(false);
    expect(isOrganizationCertificate({ subject: 'CN=Trần Thị Hết Hạn, C=VN', subjectCommonName: 'Trần Thị Hết Hạn' })).toBe(false);
  });
});
