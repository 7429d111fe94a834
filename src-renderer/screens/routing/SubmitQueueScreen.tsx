/**
 * Văn bản chờ trình (clerk): registered documents not yet sent to a leader. "Trình" sends one to the leaders' inbox;
 * a click opens the document with its routing and history.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Tooltip } from 'antd';
import { useState } from 'react';
import type { IncomingListItem, Session } from '../../../src-shared/contract';
import { formatNumberNotation } from '../../../src-shared/domain';
import { ArrivalNumber, SyncStateTag, UrgencyTag } from '../../components/DocTags';
import { HandlingDrawer } from '../../components/routing/HandlingDrawer';
import { SubmitDialog } from '../../components/routing/SubmitDialog';
import { dateVi, errorMessage } from '../../lib/format';
import { useIncomingList } from '../../lib/queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

export function SubmitQueueScreen({ session }: { session: SignedIn }) {
  const list = useIncomingList({ search: '', limit: 200, offset: 0, filters: { status: 'registered' } });
  const [openId, setOpenId] = useState<string | null>(null);
  const [submitId, setSubmitId] = useState<string | null>(null);
  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Văn bản chờ trình</h2>
        <Tooltip title="Tải lại danh sách">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="Tải lại" />
        </Tooltip>
      </div>
      {list.isError && <Alert type="error" showIcon title="Không tải được danh sách" description={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<IncomingListItem>
        size="small"
        bordered
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        rowClassName={(r) => ['clickable-row', r.urgency !== 'normal' ? 'row-urgent' : ''].join(' ')}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), onKeyDown: (e) => e.key === 'Enter' && setOpenId(r.id), tabIndex: 0 })}
        columns={[
          { title: 'Số đến', key: 'n', width: 90, align: 'right', render: (_, r) => <ArrivalNumber item={r} /> },
          { title: 'Ngày đến', key: 'd', width: 96, render: (_, r) => dateVi(r.arrivalDate) },
          { title: 'Số, ký hiệu', key: 's', width: 140, render: (_, r) => formatNumberNotation(r.number, r.notation) || '—' },
          { title: 'Cơ quan ban hành', dataIndex: 'issuer', width: 180, ellipsis: { showTitle: true } },
          { title: 'Trích yếu', dataIndex: 'subject', render: (v: string) => <span className="subject-cell" title={v}>{v}</span> },
          { title: 'Độ khẩn', key: 'u', width: 96, render: (_, r) => <UrgencyTag urgency={r.urgency} /> },
          { title: 'Đồng bộ', key: 'sync', width: 120, render: (_, r) => <SyncStateTag item={r} /> },
          {
            title: '',
            key: 'act',
            width: 90,
            render: (_, r) => (
              <Button
                size="small"
                type="primary"
                disabled={r.syncState === 'rejected'}
                onClick={(e) => {
                  e.stopPropagation();
                  setSubmitId(r.id);
                }}
              >
                Trình
              </Button>
            ),
          },
        ]}
        locale={{ emptyText: 'Không có văn bản nào chờ trình. Văn bản mới vào sổ sẽ hiện ở đây.' }}
      />
      <HandlingDrawer documentId={openId} session={session} onClose={() => setOpenId(null)} />
      {submitId && <SubmitDialog open documentId={submitId} onClose={() => setSubmitId(null)} />}
    </div>
  );
}
