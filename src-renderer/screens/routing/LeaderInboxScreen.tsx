/** Văn bản chờ cho ý kiến (leader): submitted documents waiting for a bút phê; Enter or a click opens the document. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Table, Tooltip } from 'antd';
import { useState } from 'react';
import type { InboxItem, Session } from '../../../src-shared/contract';
import { DirectiveDrawer, type DirectiveTarget } from '../../components/routing/DirectiveDrawer';
import { HandlingDrawer } from '../../components/routing/HandlingDrawer';
import { leaderInboxColumns } from '../../components/routing/inbox-columns';
import { errorMessage } from '../../lib/format';
import { useLeaderInbox } from '../../lib/routing-queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

export function LeaderInboxScreen({ session }: { session: SignedIn }) {
  const [includeAssigned, setIncludeAssigned] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [directive, setDirective] = useState<DirectiveTarget | null>(null);
  const list = useLeaderInbox(includeAssigned);
  const items = list.data ?? [];
  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Văn bản chờ cho ý kiến</h2>
        <Checkbox checked={includeAssigned} onChange={(e) => setIncludeAssigned(e.target.checked)}>
          Hiện cả văn bản đã phân công
        </Checkbox>
        <Tooltip title="Tải lại danh sách">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="Tải lại" />
        </Tooltip>
      </div>
      {list.isError && <Alert type="error" showIcon title="Không tải được văn bản chờ cho ý kiến" description={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<InboxItem>
        size="small"
        bordered
        rowKey={(r) => r.document.id}
        loading={list.isPending}
        dataSource={items}
        scroll={{ x: includeAssigned ? 1280 : 1080 }}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `${t} văn bản` }}
        columns={[
          ...leaderInboxColumns(includeAssigned),
          {
            title: '',
            key: 'act',
            width: 112,
            render: (_, r) =>
              r.assignment === null && r.directive === null ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={(e) => {
                    e.stopPropagation();
                    setDirective({ mode: 'assign', document: r.document });
                  }}
                >
                  Bút phê
                </Button>
              ) : null,
          },
        ]}
        rowClassName={(r) => ['clickable-row', r.document.urgency !== 'normal' ? 'row-urgent' : ''].join(' ')}
        onRow={(r) => ({
          onClick: () => setOpenId(r.document.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.document.id);
          },
          tabIndex: 0,
          'aria-label': `Văn bản số đến ${r.document.arrivalNumber ?? ''}: ${r.document.subject}`,
        })}
        locale={{ emptyText: 'Không có văn bản nào chờ cho ý kiến. Văn bản văn thư trình sẽ hiện ở đây.' }}
      />
      <HandlingDrawer documentId={openId} session={session} onClose={() => setOpenId(null)} />
      <DirectiveDrawer target={directive} onClose={() => setDirective(null)} />
    </div>
  );
}
