/** Small presentational pieces shared by the list and the detail: arrival number, urgency, sync state. */
import { Tag, Tooltip } from 'antd';
import type { IncomingListItem } from '../../src-shared/contract';
import { INCOMING_STATUS_LABELS, SECRECY_LABELS, URGENCY_LABELS, isSecret, type Secrecy, type Urgency } from '../../src-shared/domain';

export const PROVISIONAL_HINT =
  'Số tạm do máy này cấp khi chưa gửi được lên máy chủ. Khi đồng bộ, máy chủ cấp số đến chính thức và số tạm sẽ được thay thế.';

const SECRET_SERIES_HINT = 'Văn bản mật có dãy số đến riêng (sổ văn bản đến mật), không chung với văn bản thường.';

export function ArrivalNumber({ item }: { item: Pick<IncomingListItem, 'arrivalNumber' | 'provisional' | 'secrecy'> }) {
  if (item.arrivalNumber === null) return <span>—</span>;
  const series = isSecret(item.secrecy) ? (
    <Tooltip title={SECRET_SERIES_HINT}>
      <span className="secret-series"> M</span>
    </Tooltip>
  ) : null;
  if (!item.provisional) {
    return (
      <>
        <strong data-testid="arrival-number">{item.arrivalNumber}</strong>
        {series}
      </>
    );
  }
  return (
    <>
      <Tooltip title={PROVISIONAL_HINT}>
        <span data-testid="arrival-number" data-provisional="true" style={{ color: '#ad6800', borderBottom: '1px dashed #ad6800' }}>
          {item.arrivalNumber} (tạm)
        </span>
      </Tooltip>
      {series}
    </>
  );
}

const URGENCY_COLORS: Record<Urgency, string | undefined> = {
  normal: undefined,
  urgent: 'orange',
  veryUrgent: 'volcano',
  flash: 'red',
};

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') return <span style={{ color: '#5b6b82' }}>{URGENCY_LABELS.normal}</span>;
  return (
    <Tag color={URGENCY_COLORS[urgency]} style={{ fontWeight: 600, marginInlineEnd: 0 }}>
      {URGENCY_LABELS[urgency]}
    </Tag>
  );
}

export function SecrecyTag({ secrecy }: { secrecy: Secrecy }) {
  if (secrecy === 'none') return null;
  return (
    <Tag color="magenta" style={{ fontWeight: 600 }}>
      {SECRECY_LABELS[secrecy]}
    </Tag>
  );
}

export function SyncStateTag({ item }: { item: Pick<IncomingListItem, 'syncState' | 'rejectReason'> }) {
  if (item.syncState === 'pending') {
    return (
      <Tooltip title="Đã lưu trên máy này, sẽ tự gửi lên máy chủ khi có kết nối.">
        <Tag color="gold" data-testid="sync-state">
          Chờ đồng bộ
        </Tag>
      </Tooltip>
    );
  }
  if (item.syncState === 'rejected') {
    return (
      <Tag color="red" data-testid="sync-state" style={{ whiteSpace: 'normal' }}>
        Bị từ chối: {item.rejectReason ?? 'không rõ lý do'}
      </Tag>
    );
  }
  return (
    <span className="synced-text" data-testid="sync-state">
      Đã đồng bộ
    </span>
  );
}

export function StatusText({ status }: { status: IncomingListItem['status'] }) {
  return <span>{INCOMING_STATUS_LABELS[status]}</span>;
}
