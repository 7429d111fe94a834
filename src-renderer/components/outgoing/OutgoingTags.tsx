/** Status tags of drafts and issued outgoing documents, one colour per step so a glance at a list tells where each one is. */
import { Tag, Tooltip } from 'antd';
import { DRAFT_STATUS_LABELS, RECIPIENT_STATUS_LABELS, type DraftStatus, type RecipientStatus } from '../../../src-shared/domain';

const DRAFT_STATUS_STYLE: Record<DraftStatus, { color?: string; hint: string }> = {
  drafting: { hint: 'Chưa trình: người soạn còn sửa.' },
  contentReview: { color: 'blue', hint: 'Trưởng đơn vị đang kiểm tra nội dung.' },
  formatCheck: { color: 'geekblue', hint: 'Văn thư đang kiểm tra thể thức, kỹ thuật trình bày.' },
  awaitingSignature: { color: 'purple', hint: 'Đã trình lãnh đạo được chọn để ký số.' },
  returned: { color: 'red', hint: 'Đã bị trả lại kèm ý kiến: sửa, lưu phiên bản mới và trình lại.' },
  signed: { color: 'cyan', hint: 'Lãnh đạo đã ký số; văn thư cấp số, đóng dấu và phát hành.' },
  issued: { color: 'green', hint: 'Đã cấp số, đóng dấu số và vào sổ văn bản đi.' },
};

export function DraftStatusTag({ status }: { status: DraftStatus }) {
  const s = DRAFT_STATUS_STYLE[status];
  return (
    <Tooltip title={s.hint}>
      <Tag color={s.color} data-testid="draft-status" style={{ marginInlineEnd: 0 }}>
        {DRAFT_STATUS_LABELS[status]}
      </Tag>
    </Tooltip>
  );
}

/** Where an issued document is in the clerk's work, from its facts (number, sealed file, dispatch, revocation). */
export type IssuedStage = 'waitingNumber' | 'toSeal' | 'toDispatch' | 'dispatched' | 'revoked' | 'replaced';

const ISSUED_STAGE: Record<IssuedStage, { label: string; color?: string; hint: string }> = {
  waitingNumber: {
    label: 'Chờ máy chủ cấp số',
    color: 'gold',
    hint: 'Chưa kết nối được máy chủ: yêu cầu phát hành nằm trong hàng đợi; máy chủ cấp số khi có mạng trở lại, sau đó mới đóng dấu số được.',
  },
  toSeal: { label: 'Đã cấp số, chờ đóng dấu', color: 'orange', hint: 'Cần ghi số, ngày và ký số của cơ quan (đóng dấu số) bằng USB của cơ quan.' },
  toDispatch: { label: 'Đã đóng dấu, chờ gửi', color: 'blue', hint: 'Chọn nơi nhận và gửi văn bản đi.' },
  dispatched: { label: 'Đã gửi', color: 'green', hint: 'Đã gửi tới các nơi nhận.' },
  revoked: { label: 'Đã thu hồi', hint: 'Văn bản đã bị thu hồi; nơi nhận đã được thông báo.' },
  replaced: { label: 'Đã bị thay thế', hint: 'Văn bản đã được thay thế bằng văn bản khác.' },
};

export function issuedStageOf(d: { provisional: boolean; status: string; issuedPdf: unknown; dispatchedAt: string | null }): IssuedStage {
  if (d.status === 'revoked') return 'revoked';
  if (d.status === 'replaced') return 'replaced';
  if (d.provisional) return 'waitingNumber';
  if (!d.issuedPdf) return 'toSeal';
  return d.dispatchedAt ? 'dispatched' : 'toDispatch';
}

export function IssuedStageTag({ stage }: { stage: IssuedStage }) {
  const s = ISSUED_STAGE[stage];
  return (
    <Tooltip title={s.hint}>
      <Tag color={s.color} data-testid="issued-stage" style={{ marginInlineEnd: 0 }}>
        {s.label}
      </Tag>
    </Tooltip>
  );
}

const RECIPIENT_COLORS: Partial<Record<RecipientStatus, string>> = {
  pending: 'gold',
  delivered: 'green',
  sent: 'blue',
  failed: 'red',
  arrived: 'green',
  accepted: 'green',
  refused: 'red',
};

export function RecipientStatusTag({ status, note }: { status: RecipientStatus; note?: string }) {
  return (
    <Tooltip title={note || undefined}>
      <Tag color={RECIPIENT_COLORS[status]} data-testid="recipient-status" style={{ marginInlineEnd: 0 }}>
        {RECIPIENT_STATUS_LABELS[status]}
      </Tag>
    </Tooltip>
  );
}
