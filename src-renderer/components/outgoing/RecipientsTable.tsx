/**
 * Nơi nhận of an issued document with how each one travels and where it is (chờ gửi, đã chuyển, đã gửi, gửi lỗi,
 * nơi nhận đã nhận…). Paper recipients get a "Vào sổ bưu chính" action; other agencies an "Xuất gói edXML" one.
 */
import { Button, InputNumber, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OutgoingDetail } from '../../../src-shared/contract';
import { RECIPIENT_CHANNEL_LABELS } from '../../../src-shared/domain';
import { dateTimeVi } from '../../lib/format';
import { RecipientStatusTag } from './OutgoingTags';

type Recipient = OutgoingDetail['recipients'][number];

type Props = {
  detail: OutgoingDetail;
  busy: boolean;
  onPostal: (r: Recipient, envelopes: number) => void;
  onEdxml: (r: Recipient) => void;
};

function PostalButton({ r, disabled, onPostal }: { r: Recipient; disabled: boolean; onPostal: Props['onPostal'] }) {
  const [envelopes, setEnvelopes] = useState(1);
  return (
    <Popconfirm
      title="Vào sổ chuyển giao qua bưu chính"
      description={
        <Space>
          Số lượng bì <InputNumber aria-label="Số lượng bì" min={1} max={1000} value={envelopes} onChange={(v) => setEnvelopes(v ?? 1)} />
        </Space>
      }
      okText="Vào sổ"
      cancelText="Hủy"
      onConfirm={() => onPostal(r, envelopes)}
    >
      <Button size="small" disabled={disabled}>
        Vào sổ bưu chính
      </Button>
    </Popconfirm>
  );
}

export function RecipientsTable({ detail, busy, onPostal, onEdxml }: Props) {
  const postedNames = new Set(detail.postal.map((p) => p.recipientName));
  return (
    <Table<Recipient>
      size="small"
      bordered
      rowKey="id"
      pagination={false}
      dataSource={detail.recipients}
      data-testid="recipients-table"
      locale={{ emptyText: 'Chưa có nơi nhận. Thêm nơi nhận rồi bấm “Gửi đi”.' }}
      columns={[
        {
          title: 'Nơi nhận',
          key: 'name',
          render: (_, r) => (
            <span>
              <Tag style={{ marginInlineEnd: 6 }}>{RECIPIENT_CHANNEL_LABELS[r.channel]}</Tag>
              {r.name}
              {r.organId ? <span className="muted"> ({r.organId})</span> : null}
              {r.email ? <span className="muted"> &lt;{r.email}&gt;</span> : null}
            </span>
          ),
        },
        {
          title: 'Tình trạng',
          key: 'status',
          width: 170,
          render: (_, r) => (
            <span>
              <RecipientStatusTag status={r.status} note={r.note} />
              {r.statusCode && <span className="muted"> mã {r.statusCode}</span>}
              {r.sentAt && <div className="muted">Gửi {dateTimeVi(r.sentAt)}</div>}
              {r.readAt && <div className="muted">Đã xem {dateTimeVi(r.readAt)}</div>}
            </span>
          ),
        },
        {
          title: '',
          key: 'act',
          width: 130,
          render: (_, r) =>
            r.channel === 'paper' ? (
              postedNames.has(r.name) ? <span className="muted">Đã vào sổ bưu chính</span> : <PostalButton r={r} disabled={busy} onPostal={onPostal} />
            ) : r.channel === 'organ' ? (
              <Button size="small" disabled={busy || !detail.issuedPdf} onClick={() => onEdxml(r)}>
                Xuất gói edXML
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
