/**
 * edXML (QCVN 102:2016) packages for inter-agency exchange: the ONE module that knows the structure (DOMAIN.md).
 *
 * A document package is one XML file: `edXMLEnvelope` → `edXMLHeader` {MessageHeader, TraceHeaderList} and `edXMLBody`
 * → `edXMLManifest` {Reference…}, followed inside the envelope by `AttachmentEncoded` {Attachment… base64}. The standard
 * carries attachments as MIME parts of a SOAP message; one self-contained file is what a clerk can hand to an exchange
 * platform or a USB stick, and it keeps the manifest/attachment link (ContentId) of the standard.
 * A status message answers a received document: `edXMLEnvelope` → `edXMLHeader` → `Status`.
 *
 * Writing uses the standard forms (dates `yyyy/MM/dd`, timestamps `dd/MM/yyyy HH:mm:ss` in Vietnam time); reading
 * accepts the variants met in the wild (`dd/MM/yyyy`, `yyyy-MM-dd`, with or without time). build → parse is identity.
 */
import { DOMParser } from '@xmldom/xmldom';
import { AppError } from '../../../src-shared/contract/errors';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

export type EdxmlOrgan = {
  organId: string;
  organizationInCharge: string;
  organName: string;
  organAdd: string;
  email: string;
  telephone: string;
  fax: string;
  website: string;
};
export type EdxmlResponseFor = { organId: string; codeNumber: string; codeNotation: string; promulgationDate: string; documentId: string };
export type EdxmlAttachment = { contentId: string; name: string; description: string; contentType: string; bytes: Uint8Array };
export type EdxmlStaff = { department: string; staff: string; mobile: string; email: string };

/** BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace. */
export type EdxmlBusinessType = 0 | 1 | 2 | 3;

export type EdxmlDocument = {
  kind: 'document';
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  codeNumber: string;
  codeNotation: string;
  place: string;
  /** YYYY-MM-DD */
  promulgationDate: string;
  documentType: { type: number; typeDetail: number; typeName: string };
  subject: string;
  content: string;
  signer: { competence: string; position: string; fullName: string };
  dueDate: string | null;
  toPlaces: string[];
  otherInfo: { priority: number; sphereOfPromulgation: string; typerNotation: string; promulgationAmount: number; pageAmount: number; appendixes: string[] };
  responseFor: EdxmlResponseFor | null;
  /** 0 none, 1 directive, 2 report. */
  steeringType: number;
  /** `OrganId,yyyy/MM/dd,number/symbol` */
  documentId: string;
  traces: { organId: string; timestamp: string }[];
  business: { docType: EdxmlBusinessType; reason: string; documentId: string; paper: number; staff: EdxmlStaff };
  attachments: EdxmlAttachment[];
};

export type EdxmlStatus = {
  kind: 'status';
  responseFor: EdxmlResponseFor;
  from: EdxmlOrgan;
  /** 01 arrived, 02 refused, 03 accepted, 04 assigned, 05 in progress, 06 done, 13 taken back, 15/16 agree/refuse a revoke. */
  statusCode: string;
  description: string;
  /** ISO 8601 with +07:00, whole seconds. */
  timestamp: string;
  staff: EdxmlStaff;
};

export const EDXML_STATUS_LABELS: Record<string, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Đã phân công',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Lấy lại',
  '15': 'Đồng ý thu hồi',
  '16': 'Từ chối thu hồi',
};

/** `OrganId,yyyy/MM/dd,number/symbol` as DocumentId. */
export function edxmlDocumentId(organId: string, isoDate: string, numberNotation: string): string {
  return `${organId},${isoDate.replaceAll('-', '/')},${numberNotation}`;
}

// ---------- writing ----------

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Node = [string, string | number | Node[]];
const el = (name: string, value: string | number | Node[]): Node => [name, value];

function render(nodes: Node[], indent: string): string {
  return nodes
    .map(([name, value]) => {
      const tag = `edXML:${name}`;
      if (Array.isArray(value)) return `${indent}<${tag}>\n${render(value, `${indent}  `)}${indent}</${tag}>\n`;
      return `${indent}<${tag}>${esc(String(value).normalize('NFC'))}</${tag}>\n`;
    })
    .join('');
}

const organNodes = (o: EdxmlOrgan): Node[] => [
  el('OrganId', o.organId), el('OrganizationInCharge', o.organizationInCharge), el('OrganName', o.organName),
  el('OrganAdd', o.organAdd), el('Email', o.email), el('Telephone', o.telephone), el('Fax', o.fax), el('Website', o.website),
];
const responseNodes = (r: EdxmlResponseFor): Node[] => [
  el('OrganId', r.organId),
  el('Code', [el('CodeNumber', r.codeNumber), el('CodeNotation', r.codeNotation)]),
  el('PromulgationDate', writeDate(r.promulgationDate)), el('DocumentId', r.documentId),
];
const staffNodes = (s: EdxmlStaff): Node[] => [el('Department', s.department), el('Staff', s.staff), el('Mobile', s.mobile), el('Email', s.email)];

function wrap(header: Node[], body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">\n` +
    `  <edXML:edXMLHeader>\n${render(header, '    ')}  </edXML:edXMLHeader>\n${body}</edXML:edXMLEnvelope>\n`;
}

export function buildEdxmlDocument(d: EdxmlDocument): string {
  const header: Node[] = [
    el('MessageHeader', [
      el('From', organNodes(d.from)),
      ...d.to.map((t) => el('To', organNodes(t))),
      el('Code', [el('CodeNumber', d.codeNumber), el('CodeNotation', d.codeNotation)]),
      el('PromulgationInfo', [el('Place', d.place), el('PromulgationDate', writeDate(d.promulgationDate))]),
      el('DocumentType', [el('Type', d.documentType.type), el('TypeDetail', d.documentType.typeDetail), el('TypeName', d.documentType.typeName)]),
      el('Subject', d.subject),
      el('Content', d.content),
      el('SignerInfo', [el('Competence', d.signer.competence), el('Position', d.signer.position), el('FullName', d.signer.fullName)]),
      el('DueDate', d.dueDate ? writeDate(d.dueDate) : ''),
      el('ToPlaces', d.toPlaces.map((p) => el('Place', p))),
      el('OtherInfo', [
        el('Priority', d.otherInfo.priority), el('SphereOfPromulgation', d.otherInfo.sphereOfPromulgation),
        el('TyperNotation', d.otherInfo.typerNotation), el('PromulgationAmount', d.otherInfo.promulgationAmount),
        el('PageAmount', d.otherInfo.pageAmount), el('Appendixes', d.otherInfo.appendixes.map((a) => el('Appendix', a))),
      ]),
      ...(d.responseFor ? [el('ResponseFor', responseNodes(d.responseFor))] : []),
      el('SteeringType', d.steeringType),
      el('DocumentId', d.documentId),
    ]),
    el('TraceHeaderList', [
      ...d.traces.map((t) => el('TraceHeader', [el('OrganId', t.organId), el('Timestamp', writeTimestamp(t.timestamp))])),
      el('Bussiness', [
        el('BussinessDocType', d.business.docType), el('BussinessDocReason', d.business.reason),
        el('DocumentId', d.business.documentId), el('Paper', d.business.paper), el('StaffInfo', staffNodes(d.business.staff)),
      ]),
    ]),
  ];
  const manifest: Node[] = [
    el('edXMLManifest', d.attachments.map((a) => el('Reference', [
      el('ContentId', a.contentId), el('ContentType', a.contentType), el('Description', a.description), el('AttachmentName', a.name),
    ]))),
  ];
  const attachments: Node[] = [
    el('AttachmentEncoded', d.attachments.map((a) => el('Attachment', [
      el('ContentId', a.contentId), el('AttachmentName', a.name), el('Description', a.description), el('ContentType', a.contentType),
      el('ContentTransferEncoded', Buffer.from(a.bytes).toString('base64')),
    ]))),
  ];
  return wrap(header, `  <edXML:edXMLBody>\n${render(manifest, '    ')}  </edXML:edXMLBody>\n${render(attachments, '  ')}`);
}

export function buildEdxmlStatus(s: EdxmlStatus): string {
  return wrap(
    [
      el('Status', [
        el('ResponseFor', responseNodes(s.responseFor)),
        el('From', organNodes(s.from)),
        el('StatusCode', s.statusCode),
        el('Description', s.description),
        el('Timestamp', writeTimestamp(s.timestamp)),
        el('StaffInfo', staffNodes(s.staff)),
      ]),
    ],
    '',
  );
}

// ---------- dates ----------

const pad = (n: number) => String(n).padStart(2, '0');

function writeDate(iso: string): string {
  return iso.replaceAll('-', '/');
}

/** ISO (any offset) → `dd/MM/yyyy HH:mm:ss` in Vietnam time. */
function writeTimestamp(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** Lenient: `yyyy/MM/dd`, `yyyy-MM-dd`, `dd/MM/yyyy`, each optionally followed by a time. Returns YYYY-MM-DD or null. */
export function parseEdxmlDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})/.exec(s);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})/.exec(s);
  if (m) return `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  return null;
}

/** Lenient timestamp (Vietnam time when no offset is written) → ISO with +07:00. */
export function parseEdxmlTimestamp(text: string): string | null {
  const date = parseEdxmlDate(text);
  if (!date) return null;
  const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim().slice(8));
  const hh = time ? pad(Number(time[1])) : '00';
  return `${date}T${hh}:${time?.[2] ?? '00'}:${time?.[3] ?? '00'}+07:00`;
}

// ---------- reading ----------

type El = { localName: string | null; childNodes: ArrayLike<{ nodeType: number }>; textContent: string | null };

function children(node: El, name: string): El[] {
  const out: El[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const c = node.childNodes[i] as unknown as El & { nodeType: number };
    if (c.nodeType === 1 && c.localName === name) out.push(c);
  }
  return out;
}
const child = (node: El | undefined, name: string): El | undefined => (node ? children(node, name)[0] : undefined);
const text = (node: El | undefined, name: string): string => (child(node, name)?.textContent ?? '').trim();
const int = (node: El | undefined, name: string): number => {
  const n = Number.parseInt(text(node, name), 10);
  return Number.isFinite(n) ? n : 0;
};

function invalid(detail: string): AppError {
  return new AppError('FILE_INVALID', `Tệp edXML không đúng cấu trúc QCVN 102 (${detail}). Vui lòng đề nghị nơi gửi gửi lại.`);
}

const readOrgan = (n: El | undefined): EdxmlOrgan => ({
  organId: text(n, 'OrganId'), organizationInCharge: text(n, 'OrganizationInCharge'), organName: text(n, 'OrganName'),
  organAdd: text(n, 'OrganAdd'), email: text(n, 'Email'), telephone: text(n, 'Telephone'), fax: text(n, 'Fax'), website: text(n, 'Website'),
});
const readResponse = (n: El | undefined): EdxmlResponseFor => ({
  organId: text(n, 'OrganId'), codeNumber: text(child(n, 'Code'), 'CodeNumber'), codeNotation: text(child(n, 'Code'), 'CodeNotation'),
  promulgationDate: parseEdxmlDate(text(n, 'PromulgationDate')) ?? '', documentId: text(n, 'DocumentId'),
});
const readStaff = (n: El | undefined): EdxmlStaff => ({
  department: text(n, 'Department'), staff: text(n, 'Staff'), mobile: text(n, 'Mobile'), email: text(n, 'Email'),
});

export function parseEdxml(xml: string): EdxmlDocument | EdxmlStatus {
  let doc;
  try {
    doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') throw new Error(msg); } }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw invalid(`không đọc được XML: ${(err as Error).message.slice(0, 100)}`);
  }
  const envelope = doc.documentElement as unknown as El | null;
  if (!envelope || envelope.localName !== 'edXMLEnvelope') throw invalid('thiếu edXMLEnvelope');
  const header = child(envelope, 'edXMLHeader');
  if (!header) throw invalid('thiếu edXMLHeader');
  const status = child(header, 'Status');
  if (status) {
    const code = text(status, 'StatusCode');
    if (!/^\d{2}$/.test(code)) throw invalid('mã trạng thái không hợp lệ');
    return {
      kind: 'status', responseFor: readResponse(child(status, 'ResponseFor')), from: readOrgan(child(status, 'From')), statusCode: code,
      description: text(status, 'Description'), timestamp: parseEdxmlTimestamp(text(status, 'Timestamp')) ?? '',
      staff: readStaff(child(status, 'StaffInfo')),
    };
  }
  const mh = child(header, 'MessageHeader');
  if (!mh) throw invalid('thiếu MessageHeader');
  const code = child(mh, 'Code');
  const promulgation = child(mh, 'PromulgationInfo');
  const date = parseEdxmlDate(text(promulgation, 'PromulgationDate'));
  if (!child(mh, 'From') || !date) throw invalid('thiếu cơ quan gửi hoặc ngày ban hành');
  const type = child(mh, 'DocumentType');
  const signer = child(mh, 'SignerInfo');
  const other = child(mh, 'OtherInfo');
  const traces = child(header, 'TraceHeaderList');
  const business = child(traces, 'Bussiness');
  const byId = new Map(
    children(child(envelope, 'AttachmentEncoded') ?? envelope, 'Attachment').map((a) => [text(a, 'ContentId'), a] as const),
  );
  const attachments = children(child(child(envelope, 'edXMLBody'), 'edXMLManifest') ?? envelope, 'Reference').map((r): EdxmlAttachment => {
    const contentId = text(r, 'ContentId');
    const a = byId.get(contentId);
    if (!a) throw invalid(`thiếu nội dung tệp đính kèm ${contentId}`);
    return {
      contentId, name: text(r, 'AttachmentName') || text(a, 'AttachmentName'), description: text(r, 'Description'),
      contentType: text(r, 'ContentType') || text(a, 'ContentType'),
      bytes: new Uint8Array(Buffer.from(text(a, 'ContentTransferEncoded').replace(/\s+/g, ''), 'base64')),
    };
  });
  const businessType = int(business, 'BussinessDocType');
  return {
    kind: 'document',
    from: readOrgan(child(mh, 'From')),
    to: children(mh, 'To').map(readOrgan),
    codeNumber: text(code, 'CodeNumber'),
    codeNotation: text(code, 'CodeNotation'),
    place: text(promulgation, 'Place'),
    promulgationDate: date,
    documentType: { type: int(type, 'Type'), typeDetail: int(type, 'TypeDetail'), typeName: text(type, 'TypeName') },
    subject: text(mh, 'Subject'),
    content: text(mh, 'Content'),
    signer: { competence: text(signer, 'Competence'), position: text(signer, 'Position'), fullName: text(signer, 'FullName') },
    dueDate: parseEdxmlDate(text(mh, 'DueDate')),
    toPlaces: children(child(mh, 'ToPlaces') ?? mh, 'Place').map((p) => (p.textContent ?? '').trim()),
    otherInfo: {
      priority: int(other, 'Priority'), sphereOfPromulgation: text(other, 'SphereOfPromulgation'), typerNotation: text(other, 'TyperNotation'),
      promulgationAmount: int(other, 'PromulgationAmount'), pageAmount: int(other, 'PageAmount'),
      appendixes: children(child(other, 'Appendixes') ?? mh, 'Appendix').map((p) => (p.textContent ?? '').trim()),
    },
    responseFor: child(mh, 'ResponseFor') ? readResponse(child(mh, 'ResponseFor')) : null,
    steeringType: int(mh, 'SteeringType'),
    documentId: text(mh, 'DocumentId'),
    traces: children(traces ?? mh, 'TraceHeader').map((t) => ({ organId: text(t, 'OrganId'), timestamp: parseEdxmlTimestamp(text(t, 'Timestamp')) ?? '' })),
    business: {
      docType: (businessType >= 0 && businessType <= 3 ? businessType : 0) as EdxmlBusinessType,
      reason: text(business, 'BussinessDocReason'), documentId: text(business, 'DocumentId'), paper: int(business, 'Paper'),
      staff: readStaff(child(business, 'StaffInfo')),
    },
    attachments,
  };
}
