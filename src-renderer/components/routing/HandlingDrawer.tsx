/**
 * Xử lý văn bản: the document (PDF in the built-in viewer on the right), and on the left what the signed-in user may
 * do now (trình, bút phê, giao tiếp, ý kiến, hoàn thành, trả lại, xin gia hạn, duyệt gia hạn), the assignments with
 * their deadlines, opinions with their files, and the full history: who did what, when, with what directive.
 */
import { Alert, Button, Descriptions, Drawer, Empty, List, Segmented, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AssignmentView, DocumentRouting, Session } from '../../../src-shared/contract';
import { OPINION_FILE_KIND_LABELS, ROUTING_EVENT_LABELS, docTypeByCode, formatNumberNotation } from '../../../src-shared/domain';
import { dateTimeVi, dateVi, errorMessage } from '../../lib/format';
import { useIncomingDetail } from '../../lib/queries';
import { useDocumentRouting } from '../../lib/routing-queries';
import { StatusText, UrgencyTag } from '../DocTags';
import { FilePane } from '../outgoing/FilePane';
import { HistoryTimeline, type HistoryEntry } from '../outgoing/HistoryTimeline';
import { DirectiveDrawer, type DirectiveTarget } from './DirectiveDrawer';
import { ExtensionList } from './ExtensionList';
import { HandlingDialogs, type HandlingDialog } from './HandlingForms';
import { AssignmentStatusTag, DeadlineCell, RoleTag, RoutingSyncTag } from './RoutingTags';
import { SubmitDialog } from './SubmitDialog';
import { TaskCreateDrawer } from './TaskCreateDrawer';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

const BAD = new Set(['returned', 'extensionRefused']);
const GOOD = new Set(['completed', 'extensionApproved']);

export function historyEntries(history: DocumentRouting['history']): HistoryEntry[] {
  return history.map((h) => ({
    at: h.createdAt,
    actorName: h.actorName,
    actionLabel: `${ROUTING_EVENT_LABELS[h.kind]}${h.syncState === 'pending' ? ' (chờ đồng bộ)' : h.syncState === 'rejected' ? ` (bị từ chối: ${h.rejectReason ?? ''})` : ''}`,
    tone: BAD.has(h.kind) || h.syncState === 'rejected' ? 'bad' : GOOD.has(h.kind) ? 'good' : 'normal',
    comment: h.text || null,
  }));
}

function AssignmentsTable({ items }: { items: AssignmentView[] }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Văn bản chưa được phân công." />;
  return (
    <List
      size="small"
      bordered
      dataSource={items}
      data-testid="assignments"
      renderItem={(a) => (
        <List.Item data-testid="assignment-row">
          <div style={{ width: '100%' }}>
            <Space wrap size={6}>
              <RoleTag role={a.role} />
              <strong>{a.assigneeName}</strong>
              <AssignmentStatusTag status={a.status} />
              <RoutingSyncTag item={a} />
            </Space>
            <div className="rt-muted" style={{ fontSize: 12 }}>
              Giao bởi {a.assignedByName} lúc {dateTimeVi(a.createdAt)}
              {a.role !== 'informed' && (
                <>
                  {' · Hạn: '}
                  <DeadlineCell dueDate={a.dueDate} overdue={a.overdue} dueSoon={a.dueSoon} workingDaysLeft={a.workingDaysLeft} done={a.status === 'done'} />
                </>
              )}
            </div>
            {a.status === 'done' && (
              <div style={{ fontSize: 13 }}>
                Hoàn thành {dateTimeVi(a.completedAt)}
                {a.replyNotation && <> · Văn bản trả lời: <strong>{a.replyNotation}</strong></>}
                {a.resultNote && <> · {a.resultNote}</>}
              </div>
            )}
            {a.status === 'returned' && <div style={{ fontSize: 13, color: '#ad4e00' }}>Lý do trả lại: {a.resultNote}</div>}
          </div>
        </List.Item>
      )}
    />
  );
}

export function HandlingDrawer({ documentId, session, onClose }: { documentId: string | null; session: SignedIn; onClose: () => void }) {
  const routing = useDocumentRouting(documentId);
  const detail = useIncomingDetail(documentId);
  const [dialog, setDialog] = useState<HandlingDialog | null>(null);
  const [directive, setDirective] = useState<DirectiveTarget | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [taskOpen, setTaskOpen] = useState(false);
  const [fileSha, setFileSha] = useState<string | null>(null);
  useEffect(() => setFileSha(null), [documentId]);

  const r = routing.data;
  const files = detail.data?.files ?? [];
  const opinionFiles = (r?.opinions ?? []).flatMap((o) => o.files.map((f) => ({ ...f, label: `${OPINION_FILE_KIND_LABELS[f.kind]} — ${o.authorName}` })));
  const fileChoices = [...files.map((f) => ({ sha256: f.sha256, name: f.name, mime: f.mime, label: f.name })), ...opinionFiles.map((f) => ({ sha256: f.sha256, name: f.name, mime: f.mime, label: f.label }))];
  const current = fileChoices.find((f) => f.sha256 === fileSha) ?? fileChoices[0] ?? null;
  const mine = (r?.assignments ?? []).filter((a) => r?.can.handle.includes(a.id));
  const toReassign = (r?.assignments ?? []).filter((a) => r?.can.reassign.includes(a.id));
  const doc = r?.document;

  return (
    <Drawer
      open={documentId !== null}
      onClose={onClose}
      size={1320}
      destroyOnHidden
      title={doc ? `Xử lý văn bản đến số ${doc.arrivalNumber ?? '—'} — ${formatNumberNotation(doc.number, doc.notation) || doc.issuer}` : 'Xử lý văn bản đến'}
    >
      {routing.isPending && <Spin />}
      {routing.isError && <Alert type="error" showIcon title="Không mở được văn bản" description={errorMessage(routing.error)} />}
      {r && doc && (
        <div className="detail-layout">
          <div data-testid="handling-panel">
            <Descriptions size="small" bordered column={1} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="Trích yếu">
                {docTypeByCode(doc.docType)?.code !== 'CV' ? `${docTypeByCode(doc.docType)?.name ?? ''} ` : ''}
                {doc.subject}
              </Descriptions.Item>
              <Descriptions.Item label="Cơ quan ban hành">{doc.issuer}</Descriptions.Item>
              <Descriptions.Item label="Ngày đến">
                {dateVi(doc.arrivalDate)} · Ngày văn bản {dateVi(doc.documentDate)}
              </Descriptions.Item>
              <Descriptions.Item label="Độ khẩn">
                <UrgencyTag urgency={doc.urgency} />
              </Descriptions.Item>
              <Descriptions.Item label="Trạng thái">
                <StatusText status={doc.status} />
                {doc.dueDate && <> · hạn ghi trên văn bản {dateVi(doc.dueDate)}</>}
              </Descriptions.Item>
            </Descriptions>
            {r.directives.length > 0 && (
              <div className="directive-box" data-testid="directive-box">
                {r.directives.map((d) => (
                  <div key={d.id}>
                    <div className="directive-text">“{d.text || 'Phân công xử lý (không ghi ý kiến)'}”</div>
                    <div className="rt-muted" style={{ fontSize: 12 }}>
                      Bút phê của {d.authorName}, {dateTimeVi(d.createdAt)}
                    </div>
                  </div>
                ))}
              </div>
            )}
            <Space wrap className="handling-actions" data-testid="handling-actions">
              {r.can.submit && (
                <Button type="primary" onClick={() => setSubmitOpen(true)}>
                  Trình lãnh đạo
                </Button>
              )}
              {r.can.assign && (
                <Button type="primary" onClick={() => setDirective({ mode: 'assign', document: doc })}>
                  {r.assignments.length > 0 ? 'Bút phê bổ sung' : 'Bút phê, phân công'}
                </Button>
              )}
              {(session.user.role === 'leader' || session.user.role === 'unitHead') && doc.status !== 'registered' && (
                <Button onClick={() => setTaskOpen(true)}>Giao nhiệm vụ</Button>
              )}
              {toReassign.map((a) => {
                // A leader hands any open assignment to someone else; a unit head only inside the unit.
                const leader = session.user.role === 'leader';
                const label = leader ? `Giao lại — ${a.assigneeName}` : toReassign.length > 1 ? `Giao trong đơn vị — ${a.assigneeName}` : 'Giao trong đơn vị';
                return (
                  <Button
                    key={`re-${a.id}`}
                    onClick={() =>
                      setDirective({ mode: 'reassign', document: doc, assignmentId: a.id, unitId: leader ? null : (a.assigneeUnitId ?? session.user.unitId), selfId: session.user.id, label })
                    }
                  >
                    {label}
                  </Button>
                );
              })}
              {mine.map((a) => (
                <Space key={`h-${a.id}`} wrap>
                  <Button onClick={() => setDialog({ kind: 'opinion', documentId: doc.id, taskId: null, assignmentId: a.id })}>Cho ý kiến</Button>
                  {a.role === 'primary' && (
                    <Button type="primary" onClick={() => setDialog({ kind: 'complete', assignmentId: a.id, isTask: false })}>
                      Hoàn thành
                    </Button>
                  )}
                  {a.dueDate && !a.overdue && (
                    <Button onClick={() => setDialog({ kind: 'extension', assignmentId: a.id, dueDate: a.dueDate! })}>Xin gia hạn</Button>
                  )}
                  <Button danger onClick={() => setDialog({ kind: 'return', assignmentId: a.id })}>
                    Trả lại
                  </Button>
                </Space>
              ))}
            </Space>
            <Tabs
              size="small"
              items={[
                { key: 'assign', label: `Phân công (${r.assignments.length})`, children: <AssignmentsTable items={r.assignments} /> },
                {
                  key: 'opinions',
                  label: `Ý kiến xử lý (${r.opinions.length})`,
                  children:
                    r.opinions.length === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có ý kiến nào." />
                    ) : (
                      <List
                        size="small"
                        dataSource={r.opinions}
                        data-testid="opinions"
                        renderItem={(o) => (
                          <List.Item data-testid="opinion">
                            <div>
                              <div>
                                <strong>{o.authorName}</strong> <span className="rt-muted">{dateTimeVi(o.createdAt)}</span> <RoutingSyncTag item={o} />
                              </div>
                              <div style={{ whiteSpace: 'pre-wrap' }}>{o.text}</div>
                              {o.files.map((f) => (
                                <Button key={f.sha256} size="small" type="link" onClick={() => setFileSha(f.sha256)}>
                                  {OPINION_FILE_KIND_LABELS[f.kind]}: {f.name}
                                </Button>
                              ))}
                            </div>
                          </List.Item>
                        )}
                      />
                    ),
                },
                { key: 'history', label: 'Lịch sử xử lý', children: <HistoryTimeline entries={historyEntries(r.history)} /> },
                {
                  key: 'ext',
                  label: `Gia hạn (${r.extensionRequests.length})`,
                  children: <ExtensionList items={r.extensionRequests} onDecide={(d) => setDialog(d)} />,
                },
              ]}
            />
          </div>
          <div className="viewer-pane">
            {fileChoices.length > 1 && (
              <Segmented
                size="small"
                style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }}
                value={current?.sha256}
                options={fileChoices.map((f) => ({ value: f.sha256, label: f.label }))}
                onChange={(v) => setFileSha(String(v))}
              />
            )}
            {current ? (
              <FilePane file={current} />
            ) : (
              <Typography.Text type="secondary">{detail.isPending ? 'Đang tải tệp…' : 'Văn bản không có tệp để xem (văn bản mật chỉ vào sổ thông tin).'}</Typography.Text>
            )}
          </div>
        </div>
      )}
      <HandlingDialogs dialog={dialog} onClose={() => setDialog(null)} />
      <DirectiveDrawer target={directive} onClose={() => setDirective(null)} />
      {doc && <SubmitDialog open={submitOpen} documentId={doc.id} onClose={() => setSubmitOpen(false)} />}
      <TaskCreateDrawer open={taskOpen} source={doc ? { documentId: doc.id, subject: doc.subject } : null} onClose={() => setTaskOpen(false)} />
    </Drawer>
  );
}
