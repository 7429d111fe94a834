/**
 * Văn bản đi: the clerk's issuance desk and the registers. Tabs: signed drafts waiting for a number (clerk), the
 * outgoing register (ND30 appendix IV, 10 columns: print/export), the postal dispatch register; "Nhận gói edXML"
 * reads a package from another agency (or a status message answering ours).
 */
import { ImportOutlined, MailOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Table, Tabs, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { DraftDetail, DraftListItem, OutgoingDetail, OutgoingListItem, Session } from '../../../src-shared/contract';
import { docTypeByCode } from '../../../src-shared/domain';
import { DraftDetailDrawer } from '../../components/outgoing/DraftDetailDrawer';
import { EdxmlImportDialog } from '../../components/outgoing/EdxmlImportDialog';
import { IssueDrawer } from '../../components/outgoing/IssueDrawer';
import { IssuedStageTag, issuedStageOf } from '../../components/outgoing/OutgoingTags';
import { OutgoingDetailDrawer } from '../../components/outgoing/OutgoingDetailDrawer';
import { RegisterExportBar } from '../../components/outgoing/RegisterExportBar';
import { SmtpSettingsDialog } from '../../components/outgoing/SmtpSettingsDialog';
import { useApi } from '../../lib/api-context';
import { dateTimeVi, dateVi, errorMessage } from '../../lib/format';
import { useDirectoryUnits, useDraftList, useIssuedList, usePostalList } from '../../lib/outgoing-queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;
type Tab = 'toIssue' | 'register' | 'postal';

/** The 10 columns of the outgoing register (ND30 appendix IV), plus where the clerk's work on it stands. */
const registerColumns: ColumnsType<OutgoingListItem> = [
  { title: 'Số, ký hiệu', key: 'nn', width: 130, render: (_, r) => <strong style={{ whiteSpace: 'nowrap' }}>{r.numberNotation}</strong> },
  { title: 'Ngày tháng', dataIndex: 'issuedDate', width: 96, render: (v: string) => dateVi(v) },
  { title: 'Tên loại và trích yếu', key: 'subject', render: (_, r) => <span className="subject-cell" title={r.subject}>{docTypeByCode(r.docType)?.name ?? r.docType} — {r.subject}</span> },
  { title: 'Người ký', dataIndex: 'signerName', width: 150 },
  { title: 'Nơi nhận', dataIndex: 'recipientsText', width: 180, ellipsis: { showTitle: true } },
  { title: 'Đơn vị, người nhận bản lưu', dataIndex: 'keptBy', width: 150, ellipsis: { showTitle: true } },
  { title: 'Số lượng bản', dataIndex: 'issuedAmount', width: 72, align: 'right' },
  { title: 'Ngày chuyển', dataIndex: 'dispatchedAt', width: 100, render: (v: string | null) => (v ? dateVi(v.slice(0, 10)) : '—') },
  {
    title: 'Tình trạng',
    key: 'stage',
    width: 180,
    render: (_, r) => <IssuedStageTag stage={issuedStageOf(r)} />,
  },
  { title: 'Ghi chú', dataIndex: 'note', width: 120, ellipsis: { showTitle: true } },
];

const toIssueColumns: ColumnsType<DraftListItem> = [
  { title: 'Trích yếu', dataIndex: 'subject', render: (v: string) => <span className="subject-cell">{v}</span> },
  { title: 'Loại, ký hiệu', key: 't', width: 200, render: (_, r) => `${docTypeByCode(r.docType)?.name ?? r.docType} — …/${r.notation}` },
  { title: 'Lãnh đạo ký', dataIndex: 'signerName', width: 170 },
  { title: 'Người soạn', key: 'd', width: 190, render: (_, r) => `${r.createdByName}${r.unitName ? ` — ${r.unitName}` : ''}` },
  { title: 'Ký lúc', dataIndex: 'updatedAt', width: 130, render: (v: string) => dateTimeVi(v) },
];

export function OutgoingScreen({ session }: { session: SignedIn }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const isClerk = session.user.role === 'clerk' || session.user.role === 'admin';
  const [tab, setTab] = useState<Tab>(isClerk ? 'toIssue' : 'register');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [issuing, setIssuing] = useState<DraftDetail | null>(null);
  const [replacing, setReplacing] = useState<OutgoingDetail | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [smtpOpen, setSmtpOpen] = useState(false);
  const issuedOnline = useRef(new Set<string>());
  const toIssue = useDraftList({ scope: 'toIssue', limit: 200, offset: 0 });
  const issued = useIssuedList({ search: deferredSearch, limit: 200, offset: 0 });
  const postal = usePostalList({});
  const units = useDirectoryUnits();
  const unitCode = units.data?.find((u) => u.id === session.user.unitId)?.code ?? null;
  // An issuance queued offline got its number from the server: the clerk can now write it in and seal.
  useEffect(
    () =>
      api.on('outgoing.numberAllocated', (e) => {
        void queryClient.invalidateQueries({ queryKey: ['outgoing.listIssued'] });
        void queryClient.invalidateQueries({ queryKey: ['outgoing.getIssued'] });
        // Issued online from this window: the clerk saw the number already and is sealing it.
        if (issuedOnline.current.has(e.outgoingId)) return;
        notification.info({
          title: `Máy chủ đã cấp số ${e.numberNotation}`,
          description:
            e.provisionalNumber !== null && e.provisionalNumber !== e.number
              ? `Số tạm ${e.provisionalNumber} đã được thay bằng số chính thức ${e.number}. Mở văn bản để ghi số và đóng dấu số.`
              : 'Mở văn bản để ghi số và đóng dấu số.',
          placement: 'bottomRight',
          duration: 0,
        });
      }),
    [api, queryClient, notification],
  );
  const error = tab === 'toIssue' ? toIssue.error : tab === 'register' ? issued.error : postal.error;

  return (
    <div className="page" data-testid="outgoing-screen">
      <div className="page-toolbar">
        <h2>Văn bản đi</h2>
        {tab === 'register' && (
          <Input.Search allowClear placeholder="Tìm theo số ký hiệu, trích yếu" style={{ width: 320 }} value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Tìm văn bản đi" />
        )}
        <Tooltip title="Tải lại">
          <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => void Promise.all([toIssue.refetch(), issued.refetch(), postal.refetch()])} />
        </Tooltip>
        {isClerk && (
          <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="edxml-import-open">
            Nhận gói edXML
          </Button>
        )}
        {isClerk && (
          <Tooltip title="Máy chủ thư dùng để gửi văn bản tới nơi nhận chỉ có địa chỉ thư điện tử">
            <Button icon={<MailOutlined />} onClick={() => setSmtpOpen(true)}>
              Thư điện tử
            </Button>
          </Tooltip>
        )}
      </div>
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          ...(isClerk ? [{ key: 'toIssue', label: `Chờ cấp số, phát hành (${toIssue.data?.total ?? 0})` }] : []),
          { key: 'register', label: 'Sổ văn bản đi' },
          { key: 'postal', label: 'Sổ chuyển giao qua bưu chính' },
        ]}
      />
      {replacing && tab === 'toIssue' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Chọn dự thảo đã ký để thay thế văn bản ${replacing.numberNotation}`}
          action={<Button size="small" onClick={() => setReplacing(null)}>Bỏ thay thế</Button>}
        />
      )}
      {error && <Alert type="error" showIcon title="Không tải được danh sách" description={errorMessage(error)} style={{ marginBottom: 12 }} />}
      {tab === 'toIssue' && (
        <Table<DraftListItem>
          size="small"
          bordered
          rowKey="id"
          columns={toIssueColumns}
          dataSource={toIssue.data?.items ?? []}
          loading={toIssue.isPending}
          pagination={false}
          rowClassName="clickable-row"
          onRow={(r) => ({ onClick: () => setDraftId(r.id), onKeyDown: (e) => e.key === 'Enter' && setDraftId(r.id), tabIndex: 0, 'aria-label': `Chờ phát hành: ${r.subject}` })}
          locale={{ emptyText: 'Không có dự thảo nào đã ký đang chờ cấp số.' }}
        />
      )}
      {tab === 'register' && (
        <>
          <RegisterExportBar label="Sổ văn bản đi" testId="outgoing-register-export" exporter={(p) => api.call('registers.exportOutgoing', p)} />
          <Table<OutgoingListItem>
            style={{ marginTop: 12 }}
            size="small"
            bordered
            rowKey="id"
            columns={registerColumns}
            dataSource={issued.data?.items ?? []}
            loading={issued.isPending}
            scroll={{ x: 1400 }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `Tổng số ${t} văn bản` }}
            rowClassName={(r) => ['clickable-row', r.status !== 'issued' ? 'row-revoked' : ''].join(' ')}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), onKeyDown: (e) => e.key === 'Enter' && setOpenId(r.id), tabIndex: 0, 'aria-label': `Văn bản đi ${r.numberNotation}: ${r.subject}` })}
            locale={{ emptyText: 'Chưa có văn bản đi nào trong sổ.' }}
          />
        </>
      )}
      {tab === 'postal' && (
        <>
          <RegisterExportBar label="Sổ chuyển giao qua bưu chính" testId="postal-register-export" exporter={(p) => api.call('registers.exportPostal', p)} />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            bordered
            rowKey="id"
            dataSource={postal.data ?? []}
            loading={postal.isPending}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: 'Chưa có văn bản nào chuyển qua bưu chính.' }}
            columns={[
              { title: 'Ngày chuyển', dataIndex: 'date', width: 110, render: (v: string) => dateVi(v) },
              { title: 'Số, ký hiệu', dataIndex: 'numberNotation', width: 150 },
              { title: 'Nơi nhận', dataIndex: 'recipientName' },
              { title: 'Số lượng bì', dataIndex: 'envelopes', width: 100, align: 'right' },
              { title: 'Ký nhận', dataIndex: 'receipt', width: 160 },
              { title: 'Ghi chú', dataIndex: 'note', width: 200 },
            ]}
          />
        </>
      )}
      <DraftDetailDrawer
        id={draftId}
        onClose={() => setDraftId(null)}
        orgAbbr={session.organization.abbr}
        unitCode={unitCode}
        onIssue={(d) => {
          // The number may arrive (event) before outgoing.issue answers: the clerk is looking at it already.
          issuedOnline.current.add(d.id);
          setDraftId(null);
          setIssuing(d);
        }}
      />
      <IssueDrawer
        draft={issuing}
        replaces={replacing ? { id: replacing.id, numberNotation: replacing.numberNotation } : null}
        onClose={() => {
          setIssuing(null);
          setReplacing(null);
        }}
        onResult={(outcome) => {
          // Queued offline: the number comes later, and the clerk must hear about it then.
          if (outcome.provisional) issuedOnline.current.delete(outcome.id);
        }}
        onIssued={(outcome) => {
          setIssuing(null);
          setReplacing(null);
          setTab('register');
          setOpenId(outcome.id);
        }}
      />
      <OutgoingDetailDrawer
        id={openId}
        organizationName={session.organization.name}
        onClose={() => setOpenId(null)}
        onReplace={(doc) => {
          // The replacement is a signed draft waiting for issuance: pick it from the "Chờ cấp số" tab.
          setReplacing(doc);
          setOpenId(null);
          setTab('toIssue');
        }}
      />
      <EdxmlImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      <SmtpSettingsDialog open={smtpOpen} onClose={() => setSmtpOpen(false)} />
    </div>
  );
}
