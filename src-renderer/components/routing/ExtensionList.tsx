/** Đề nghị gia hạn of a document or task: who asked, from which deadline to which, why, and the decision; the assigner decides here. */
import { Button, Empty, List, Space } from 'antd';
import type { ExtensionView } from '../../../src-shared/contract';
import { dateTimeVi, dateVi } from '../../lib/format';
import type { HandlingDialog } from './HandlingForms';
import { ExtensionStatusTag, RoutingSyncTag } from './RoutingTags';

export function extensionSummary(e: ExtensionView): string {
  return `${e.requestedByName} xin gia hạn "${e.subjectTitle}" từ ${dateVi(e.currentDueDate)} đến ${dateVi(e.requestedDueDate)}. Lý do: ${e.reason}`;
}

export function ExtensionList({ items, onDecide, showSubject = false }: { items: ExtensionView[]; onDecide: (d: HandlingDialog) => void; showSubject?: boolean }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có đề nghị gia hạn." />;
  return (
    <List
      size="small"
      bordered
      dataSource={items}
      data-testid="extension-requests"
      renderItem={(e) => (
        <List.Item
          data-testid="extension-request"
          actions={
            e.canDecide && e.status === 'pending'
              ? [
                  <Button key="yes" size="small" type="primary" onClick={() => onDecide({ kind: 'decide', requestId: e.id, approve: true, summary: extensionSummary(e) })}>
                    Đồng ý
                  </Button>,
                  <Button key="no" size="small" danger onClick={() => onDecide({ kind: 'decide', requestId: e.id, approve: false, summary: extensionSummary(e) })}>
                    Không đồng ý
                  </Button>,
                ]
              : []
          }
        >
          <div>
            <Space wrap size={6}>
              <ExtensionStatusTag status={e.status} />
              <strong>{e.requestedByName}</strong>
              <span>
                xin gia hạn từ {dateVi(e.currentDueDate)} đến <strong>{dateVi(e.requestedDueDate)}</strong>
              </span>
              <RoutingSyncTag item={e} />
            </Space>
            {showSubject && <div>{e.subjectTitle}</div>}
            <div className="rt-muted" style={{ fontSize: 12 }}>
              Gửi lúc {dateTimeVi(e.createdAt)}. Lý do: {e.reason}
            </div>
            {e.status !== 'pending' && (
              <div style={{ fontSize: 12 }}>
                {e.decidedByName ?? ''} {e.status === 'approved' ? 'đồng ý' : 'không đồng ý'} lúc {dateTimeVi(e.decidedAt)}
                {e.decisionNote ? `: ${e.decisionNote}` : ''}
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
