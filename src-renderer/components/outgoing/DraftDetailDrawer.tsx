/**
 * A draft (dự thảo) opened from any list: metadata, versions, the history with every comment, and the actions the
 * current user may take now (`can` from the core, the server checks again): new version, submit, approve/return at
 * the content and format checks, the leader's token signature or return, and the clerk's issuance.
 * The PDF of the chosen version is on the right with its "Chữ ký số" panel.
 */
import { CheckOutlined, EditOutlined, RollbackOutlined, SafetyCertificateOutlined, SendOutlined, NumberOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, List, Space, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { DraftDetail } from '../../../src-shared/contract';
import { DRAFT_ACTION_LABELS, SECRECY_LABELS, docTypeByCode, isSecret, type DraftAction, type ReviewStage } from '../../../src-shared/domain';
import { useApi } from '../../lib/api-context';
import { dateTimeVi, errorMessage, fileSizeVi } from '../../lib/format';
import { useDraftDetail } from '../../lib/outgoing-queries';
import { UrgencyTag } from '../DocTags';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { DraftFormDrawer } from './DraftFormDrawer';
import { FilePane, type PaneFile } from './FilePane';
import { HistoryTimeline, type HistoryEntry } from './HistoryTimeline';
import { DraftStatusTag } from './OutgoingTags';
import { SubmitDraftDialog } from './SubmitDraftDialog';
import { TokenSignDialog } from './TokenSignDialog';
import './outgoing.css';

const TONE: Partial<Record<DraftAction, HistoryEntry['tone']>> = { return: 'bad', revoke: 'bad', approveContent: 'good', approveFormat: 'good', sign: 'good', issue: 'good' };

export function historyOf(d: DraftDetail): HistoryEntry[] {
  return d.history.map((h) => ({
    at: h.at,
    actorName: h.actorName,
    actionLabel: DRAFT_ACTION_LABELS[h.action],
    tone: TONE[h.action] ?? 'normal',
    comment: h.comment || null,
  }));
}

const STAGE_APPROVE: Record<Exclude<ReviewStage, 'signature'>, string> = {
  content: 'Đồng ý nội dung, chuyển văn thư kiểm tra thể thức',
  format: 'Đạt thể thức, trình lãnh đạo ký',
};

type Props = {
  id: string | null;
  onClose: () => void;
  /** For a new version's form (the symbol proposal); not needed where nobody edits drafts. */
  orgAbbr?: string;
  unitCode?: string | null;
  /** The clerk's issuance form for this signed draft. */
  onIssue?: (draft: DraftDetail) => void;
};

export function DraftDetailDrawer({ id, onClose, orgAbbr = '', unitCode = null, onIssue }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  // Keep showing the document while the drawer slides away (id is already null then).
  const [shownId, setShownId] = useState(id);
  useEffect(() => {
    if (id) setShownId(id);
  }, [id]);
  const detail = useDraftDetail(shownId);
  const d = detail.data;
  const [versionId, setVersionId] = useState<string | null>(null);
  const [decision, setDecision] = useState<{ stage: ReviewStage; decision: Decision } | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [versionOpen, setVersionOpen] = useState(false);
  const [signOpen, setSignOpen] = useState(false);
  useEffect(() => setVersionId(null), [id]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['outgoing.listDrafts'] });
    void queryClient.invalidateQueries({ queryKey: ['outgoing.getDraft'] });
  };
  const done = (title: string, description?: string) => {
    notification.success({ title, description, placement: 'bottomRight' });
    refresh();
  };

  const versions = d ? [...d.versions].sort((a, b) => b.versionNo - a.versionNo) : [];
  const shown = versions.find((v) => v.id === versionId) ?? versions.find((v) => v.id === d?.currentVersionId) ?? versions[0];
  const [paneSha, setPaneSha] = useState<string | null>(null);
  useEffect(() => setPaneSha(null), [shown?.id]);
  const paneFiles: PaneFile[] = shown
    ? [shown.pdf, ...shown.attachments, ...(shown.docx ? [shown.docx] : [])].map((f) => ({ sha256: f.sha256, name: f.name, mime: f.mime }))
    : [];
  const paneFile = paneFiles.find((f) => f.sha256 === paneSha) ?? paneFiles[0] ?? null;

  const decideStage: Exclude<ReviewStage, 'signature'> | null = d?.can.decideContent ? 'content' : d?.can.decideFormat ? 'format' : null;

  return (
    <Drawer open={id !== null} onClose={onClose} size={1320} title={d ? `Dự thảo — ${d.subject}` : 'Dự thảo'} destroyOnHidden>
      {detail.isPending && <Spin />}
      {detail.isError && <Alert type="error" showIcon title="Không mở được dự thảo" description={errorMessage(detail.error)} />}
      {d && (
        <div className="detail-layout" data-testid="draft-detail">
          <div>
            {d.syncState === 'rejected' && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title="Máy chủ đã từ chối thao tác gần nhất" description={d.rejectReason ?? 'Không rõ lý do'} />
            )}
            {d.pendingActions.some((a) => a.state === 'pending') && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="draft-pending"
                title="Thao tác đang chờ đồng bộ"
                description="Đã lưu trên máy này; sẽ tự gửi lên máy chủ khi có kết nối. Người nhận chỉ thấy sau khi đồng bộ."
              />
            )}
            {d.status === 'returned' && d.lastComment && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="draft-returned" title="Dự thảo bị trả lại" description={`Ý kiến: ${d.lastComment}`} />
            )}
            <Space wrap style={{ marginBottom: 12 }} data-testid="draft-actions">
              {d.can.edit && (
                <Button icon={<EditOutlined />} onClick={() => setVersionOpen(true)}>
                  Phiên bản mới
                </Button>
              )}
              {d.can.submit && (
                <Button type="primary" icon={<SendOutlined />} onClick={() => setSubmitOpen(true)}>
                  Trình duyệt
                </Button>
              )}
              {decideStage && (
                <>
                  <Button type="primary" icon={<CheckOutlined />} onClick={() => setDecision({ stage: decideStage, decision: 'approve' })}>
                    {decideStage === 'content' ? 'Đồng ý nội dung' : 'Đạt thể thức, trình ký'}
                  </Button>
                  <Button danger icon={<RollbackOutlined />} onClick={() => setDecision({ stage: decideStage, decision: 'return' })}>
                    Trả lại
                  </Button>
                </>
              )}
              {d.can.sign && (
                <>
                  <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setSignOpen(true)} data-testid="draft-sign">
                    Ký số
                  </Button>
                  <Button danger icon={<RollbackOutlined />} onClick={() => setDecision({ stage: 'signature', decision: 'return' })}>
                    Trả lại
                  </Button>
                </>
              )}
              {d.can.issue && onIssue && (
                <Button type="primary" icon={<NumberOutlined />} onClick={() => onIssue(d)} data-testid="draft-issue">
                  Cấp số, phát hành
                </Button>
              )}
            </Space>
            <Descriptions size="small" bordered column={1} styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="Trạng thái">
                <DraftStatusTag status={d.status} />
              </Descriptions.Item>
              {d.numberNotation ? <Descriptions.Item label="Số, ký hiệu">{d.numberNotation}</Descriptions.Item> : null}
              <Descriptions.Item label="Loại văn bản">{docTypeByCode(d.docType)?.name ?? d.docType}</Descriptions.Item>
              <Descriptions.Item label="Ký hiệu">{d.notation}</Descriptions.Item>
              <Descriptions.Item label="Trích yếu">{d.subject}</Descriptions.Item>
              <Descriptions.Item label="Độ khẩn">
                <UrgencyTag urgency={d.urgency} />
              </Descriptions.Item>
              <Descriptions.Item label="Độ mật">{isSecret(d.secrecy) ? <Tag color="magenta">{SECRECY_LABELS[d.secrecy]}</Tag> : 'Không mật'}</Descriptions.Item>
              <Descriptions.Item label="Người soạn">
                {d.createdByName}
                {d.unitName ? ` — ${d.unitName}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="Lãnh đạo ký">{d.signerName ?? 'Chưa chọn (chọn khi trình)'}</Descriptions.Item>
              <Descriptions.Item label="Nơi nhận">{d.recipientsText || '—'}</Descriptions.Item>
              <Descriptions.Item label="Số lượng bản">{d.issuedAmount}</Descriptions.Item>
              <Descriptions.Item label="Số trang">{d.pageAmount ?? '—'}</Descriptions.Item>
              {d.description ? <Descriptions.Item label="Ghi chú">{d.description}</Descriptions.Item> : null}
            </Descriptions>
            <h3 className="section-title">Phiên bản ({versions.length})</h3>
            <List
              size="small"
              bordered
              dataSource={versions}
              data-testid="draft-versions"
              renderItem={(v) => (
                <List.Item
                  className={v.id === shown?.id ? 'is-current-version' : undefined}
                  actions={[
                    <Button key="view" size="small" type={v.id === shown?.id ? 'primary' : 'default'} onClick={() => setVersionId(v.id)}>
                      Xem
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        Phiên bản {v.versionNo} {v.kind === 'signed' && <Tag color="green">Đã ký duyệt</Tag>}
                      </span>
                    }
                    description={`${v.createdByName} · ${dateTimeVi(v.createdAt)} · ${v.pdf.name} (${fileSizeVi(v.pdf.size)})${v.docx ? ' · kèm DOCX' : ''}${v.attachments.length ? ` · ${v.attachments.length} phụ lục` : ''}${v.note ? ` — ${v.note}` : ''}`}
                  />
                </List.Item>
              )}
            />
            <h3 className="section-title">Lịch sử xử lý</h3>
            <HistoryTimeline entries={historyOf(d)} />
          </div>
          <div className="viewer-pane">
            {paneFiles.length > 1 && (
              <Space wrap style={{ marginBottom: 8 }}>
                {paneFiles.map((f) => (
                  <Button key={f.sha256} size="small" type={f.sha256 === paneFile?.sha256 ? 'primary' : 'default'} onClick={() => setPaneSha(f.sha256)}>
                    {f.name}
                  </Button>
                ))}
              </Space>
            )}
            <FilePane file={paneFile} />
          </div>
          <DecisionDialog
            open={decision !== null}
            decision={decision?.decision ?? 'approve'}
            approveLabel={decision && decision.stage !== 'signature' ? STAGE_APPROVE[decision.stage] : ''}
            subject={d.subject}
            onCancel={() => setDecision(null)}
            onConfirm={async (comment) => {
              if (!decision) return;
              await api.call('outgoing.decide', { draftId: d.id, stage: decision.stage, decision: decision.decision, comment });
              setDecision(null);
              done(decision.decision === 'return' ? 'Đã trả lại dự thảo' : 'Đã chuyển bước tiếp theo', d.subject);
            }}
          />
          <SubmitDraftDialog
            open={submitOpen}
            subject={d.subject}
            signerId={d.signerId}
            nextStepText="Dự thảo được chuyển trưởng đơn vị kiểm tra nội dung, rồi văn thư kiểm tra thể thức, rồi lãnh đạo ký."
            onCancel={() => setSubmitOpen(false)}
            onConfirm={async (signerId, comment) => {
              await api.call('outgoing.submit', { draftId: d.id, signerId, comment });
              setSubmitOpen(false);
              done('Đã trình dự thảo', d.subject);
            }}
          />
          <DraftFormDrawer
            open={versionOpen}
            onClose={() => setVersionOpen(false)}
            newVersionOf={{ id: d.id, subject: d.subject }}
            orgAbbr={orgAbbr}
            unitCode={unitCode}
            onSaved={refresh}
          />
          <TokenSignDialog
            signer="person"
            open={signOpen}
            title="Ký số dự thảo (chữ ký của lãnh đạo)"
            summary={
              <p style={{ marginTop: 0 }}>
                Ký duyệt <strong>{d.subject}</strong> — tệp {shown?.pdf.name}
              </p>
            }
            imageLabel="Chọn ảnh chữ ký (PNG, không bắt buộc)"
            okText="Ký dự thảo"
            onClose={() => setSignOpen(false)}
            sign={async (req) => {
              const res = await api.call('outgoing.sign', { draftIds: [d.id], ...req });
              const failed = res.results.find((r) => !r.ok);
              if (failed) throw new Error(failed.error?.message ?? 'Chưa ký được dự thảo.');
              setSignOpen(false);
              done('Đã ký số dự thảo', res.warning ?? 'Văn thư sẽ cấp số, đóng dấu và phát hành.');
            }}
          />
        </div>
      )}
    </Drawer>
  );
}
