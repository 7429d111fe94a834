/** Closed vocabularies of the domain (DOMAIN.md). Stored as these ASCII codes; shown through the labels. */

export const ROLES = ['clerk', 'leader', 'unitHead', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  unitHead: 'Trưởng phòng',
  staff: 'Chuyên viên',
  admin: 'Quản trị',
};

/** Độ khẩn. */
export const URGENCIES = ['normal', 'urgent', 'veryUrgent', 'flash'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'Thường',
  urgent: 'Khẩn',
  veryUrgent: 'Thượng khẩn',
  flash: 'Hỏa tốc',
};
/** edXML OtherInfo/Priority code (0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc). */
export const URGENCY_EDXML: Record<Urgency, number> = { normal: 0, urgent: 1, veryUrgent: 2, flash: 3 };

/** Độ mật. A secret document is a metadata-only register entry: its files are never stored or sent. */
export const SECRECIES = ['none', 'confidential', 'secret', 'topSecret'] as const;
export type Secrecy = (typeof SECRECIES)[number];
export const SECRECY_LABELS: Record<Secrecy, string> = {
  none: 'Thường',
  confidential: 'Mật',
  secret: 'Tối mật',
  topSecret: 'Tuyệt mật',
};
export function isSecret(s: Secrecy): boolean {
  return s !== 'none';
}

/** Kinds of register (sổ). Secret documents have their own number series. */
export const REGISTER_KINDS = ['incoming', 'incomingSecret', 'outgoing', 'outgoingSecret'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];
export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = {
  incoming: 'Sổ văn bản đến',
  incomingSecret: 'Sổ văn bản đến mật',
  outgoing: 'Sổ văn bản đi',
  outgoingSecret: 'Sổ văn bản đi mật',
};

/** Lifecycle of an incoming document (grows with routing and handling). */
export const INCOMING_STATUSES = ['registered', 'submitted', 'assigned', 'inProgress', 'done', 'cancelled'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
export const INCOMING_STATUS_LABELS: Record<IncomingStatus, string> = {
  registered: 'Đã vào sổ',
  submitted: 'Đã trình',
  assigned: 'Đã phân công',
  inProgress: 'Đang xử lý',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};

export const FILE_ROLES = ['main', 'appendix'] as const;
export type FileRole = (typeof FILE_ROLES)[number];
export const FILE_ROLE_LABELS: Record<FileRole, string> = { main: 'Văn bản chính', appendix: 'Phụ lục' };
