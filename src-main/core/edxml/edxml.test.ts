import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import {
  buildEdxmlDocument,
  buildEdxmlStatus,
  edxmlDocumentId,
  parseEdxml,
  parseEdxmlDate,
  parseEdxmlTimestamp,
  type EdxmlDocument,
  type EdxmlOrgan,
  type EdxmlStatus,
} from './edxml';

const organ = (id: string, name: string): EdxmlOrgan => ({
  organId: id, organizationInCharge: 'UBND tỉnh Sông Lam', organName: name, organAdd: 'Số 1 đường Lê Lợi, TP Vinh',
  email: 'vanthu@snv.songlam.gov.vn', telephone: '0238 3844 555', fax: '', website: 'https://snv.songlam.gov.vn',
});

function sampleDocument(): EdxmlDocument {
  return {
    kind: 'document',
    from: organ('000.00.12.H99', 'Sở Nội vụ tỉnh Sông Lam'),
    to: [organ('000.00.13.H99', 'Sở Tài chính'), organ('000.00.14.H99', 'Sở Kế hoạch & Đầu tư <KH&ĐT>')],
    codeNumber: '05',
    codeNotation: 'KH-SNV',
    place: 'Sông Lam',
    promulgationDate: '2026-01-05',
    documentType: { type: 1, typeDetail: 10, typeName: 'Kế hoạch' },
    subject: 'Kế hoạch tổ chức hội nghị tổng kết công tác năm 2025 "& triển khai" nhiệm vụ 2026',
    content: '',
    signer: { competence: 'KT. GIÁM ĐỐC', position: 'Phó Giám đốc', fullName: 'Lê Thị Hồng' },
    dueDate: '2026-01-20',
    toPlaces: ['Như trên', 'Lưu: VT, TCCB'],
    otherInfo: { priority: 1, sphereOfPromulgation: 'Toàn tỉnh', typerNotation: 'MA', promulgationAmount: 3, pageAmount: 2, appendixes: ['Phụ lục I'] },
    responseFor: { organId: '000.00.00.G22', codeNumber: '7816', codeNotation: 'VPCP-TTĐT', promulgationDate: '2015-09-30', documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT' },
    steeringType: 0,
    documentId: edxmlDocumentId('000.00.12.H99', '2026-01-05', '05/KH-SNV'),
    traces: [{ organId: '000.00.12.H99', timestamp: '2026-01-05T09:15:30+07:00' }],
    business: { docType: 0, reason: '', documentId: '', paper: 0, staff: { department: 'Văn phòng', staff: 'Nguyễn Thị Lan', mobile: '0912 000 000', email: '' } },
    attachments: [
      { contentId: 'cid:1', name: 'KH-05-SNV.pdf', description: 'Văn bản chính', contentType: 'application/pdf', bytes: new Uint8Array(randomBytes(70_000)) },
      { contentId: 'cid:2', name: 'Phụ lục I.pdf', description: 'Phụ lục', contentType: 'application/pdf', bytes: new Uint8Array(randomBytes(333)) },
    ],
  };
}

describe('edXML (QCVN 102)', () => {
  it('a document package made here imports back identically, attachments byte for byte', () => {
    const d = sampleDocument();
    const xml = buildEdxmlDocument(d);
    expect(xml).toContain('xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"');
    expect(xml).toContain('<edXML:PromulgationDate>2026/01/05</edXML:PromulgationDate>');
    expect(xml).toContain('<edXML:Timestamp>05/01/2026 09:15:30</edXML:Timestamp>');
    expect(xml).toContain('<edXML:DocumentId>000.00.12.H99,2026/01/05,05/KH-SNV</edXML:DocumentId>');
    expect(xml).toContain('<edXML:BussinessDocType>0</edXML:BussinessDocType>');
    const back = parseEdxml(xml);
    expect(back).toEqual(d);
    // And a second trip gives the same file.
    expect(buildEdxmlDocument(back as EdxmlDocument)).toBe(xml);
  });

  it('carries revoke and replace business types with the reason and the revoked DocumentId', () => {
    const d = { ...sampleDocument(), business: { ...sampleDocument().business, docType: 1 as const, reason: 'Sai thời gian họp', documentId: '000.00.12.H99,2026/01/05,05/KH-SNV' } };
    const back = parseEdxml(buildEdxmlDocument(d));
    expect(back.kind === 'document' && back.business).toMatchObject({ docType: 1, reason: 'Sai thời gian họp' });
  });

  it('status messages round-trip', () => {
    const s: EdxmlStatus = {
      kind: 'status',
      responseFor: { organId: '000.00.12.H99', codeNumber: '05', codeNotation: 'KH-SNV', promulgationDate: '2026-01-05', documentId: '000.00.12.H99,2026/01/05,05/KH-SNV' },
      from: organ('000.00.13.H99', 'Sở Tài chính'),
      statusCode: '03',
      description: 'Đã tiếp nhận',
      timestamp: '2026-01-06T08:00:01+07:00',
      staff: { department: 'Văn phòng', staff: 'Trần Văn B', mobile: '', email: '' },
    };
    expect(parseEdxml(buildEdxmlStatus(s))).toEqual(s);
  });

  it('reads packages from other systems: default namespace, other date forms, whitespace in base64', () => {
    const pdf = Buffer.from('%PDF-1.4 test');
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLHeader><MessageHeader>
<From><OrganId>000.00.00.G22</OrganId><OrganName>Văn phòng Chính phủ</OrganName></From>
<Code><CodeNumber>7816</CodeNumber><CodeNotation>VPCP-TTĐT</CodeNotation></Code>
<PromulgationInfo><Place>Hà Nội</Place><PromulgationDate>30/09/2015</PromulgationDate></PromulgationInfo>
<Subject>V/v triển khai</Subject><DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</DocumentId></MessageHeader>
<TraceHeaderList><TraceHeader><OrganId>000.00.00.G22</OrganId><Timestamp>2015/09/30 14:05:00</Timestamp></TraceHeader></TraceHeaderList>
</edXMLHeader><edXMLBody><edXMLManifest><Reference><ContentId>cid:a</ContentId><ContentType>application/pdf</ContentType><AttachmentName>vb.pdf</AttachmentName></Reference></edXMLManifest></edXMLBody>
<AttachmentEncoded><Attachment><ContentId>cid:a</ContentId><ContentTransferEncoded>${pdf.toString('base64').replace(/(.{8})/g, '$1\n  ')}</ContentTransferEncoded></Attachment></AttachmentEncoded></edXMLEnvelope>`;
    const d = parseEdxml(xml);
    expect(d.kind).toBe('document');
    if (d.kind !== 'document') return;
    expect(d).toMatchObject({ codeNumber: '7816', codeNotation: 'VPCP-TTĐT', promulgationDate: '2015-09-30', subject: 'V/v triển khai' });
    expect(d.from.organName).toBe('Văn phòng Chính phủ');
    expect(d.traces[0]?.timestamp).toBe('2015-09-30T14:05:00+07:00');
    expect(Buffer.from(d.attachments[0]!.bytes).equals(pdf)).toBe(true);
  });

  it('parses dates leniently', () => {
    expect(parseEdxmlDate('2015/09/30')).toBe('2015-09-30');
    expect(parseEdxmlDate('30/09/2015 10:00:00')).toBe('2015-09-30');
    expect(parseEdxmlDate('2015-9-3')).toBe('2015-09-03');
    expect(parseEdxmlDate('hôm qua')).toBeNull();
    expect(parseEdxmlTimestamp('05/01/2026 09:15:30')).toBe('2026-01-05T09:15:30+07:00');
  });

  it('refuses a file that is not edXML with a message the clerk can act on', () => {
    for (const bad of ['<html><body/></html>', 'not xml at all <', '<edXML:edXMLEnvelope xmlns:edXML="x"><edXML:edXMLHeader/></edXML:edXMLEnvelope>']) {
      let err: unknown;
      try {
        parseEdxml(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('FILE_INVALID');
      expect((err as AppError).message).toMatch(/edXML/);
    }
  });
});
