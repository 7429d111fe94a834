/** Which kind of holder a signing certificate names, to preselect the right one for a step. */
import type { SigningCertificate } from '../../src-shared/contract';

/**
 * An organization's certificate names the organization as its holder (CN equals O), a person's names the person.
 * Issuance and copies are signed with the organization's token, approvals with the leader's own.
 */
export function isOrganizationCertificate(c: Pick<SigningCertificate, 'subject' | 'subjectCommonName'>): boolean {
  const org = /(?:^|,\s*)O=([^,]+)/.exec(c.subject)?.[1]?.trim();
  return Boolean(org) && org === c.subjectCommonName.trim();
}
