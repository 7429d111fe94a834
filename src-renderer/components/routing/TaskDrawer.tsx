/**
 * Một nhiệm vụ: deadline and progress, the assignees, progress reports (percent + text), opinions, extension requests
 * with the assigner's decision, and the history. The assignee reports, asks for more time (before the deadline) or
 * finishes from here; the assigner approves or refuses extensions.
 */
import { Alert, Button, Descriptions, Drawer, Empty, Form, Input, List, Modal, Progress, Slider, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { TASK_STATUS_LABELS } from '../../../src-shared/domain';
import { dateTimeVi, errorMessage } from '../../lib/format';
import { useRoutingAction, useTask } from '../../lib/routing-queries';
import { HistoryTimeline } from '../outgoing/HistoryTimeline';
import { ExtensionList } from './ExtensionList';
import { HandlingDialogs, type HandlingDialog } from './HandlingForms';
import { historyEntries } from './HandlingDrawer';
import { AssignmentStatusTag, DeadlineCell, RoleTag, RoutingSyncTag } from './RoutingTags';

function ReportDialog({ assignmentId, start, onClose }: { assignmentId: string; start: number; onClose: () => void }) {
  const [percent, setPercent] = useState(start);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const report = useRoutingAction('tasks.report', 'Đã báo cáo tiến độ');
  const send = () => {
    if (!text.trim()) return setError('Nhập nội dung báo cáo: việc đã làm, việc còn lại.');
    void report.mutateAsync({ assignmentId, percent, text }).then(onClose, () => undefined);
  };
  return (
    <Modal open title="Báo cáo tiến độ" okText="Gửi báo cáo" cancelText="Hủy" onOk={send} onCancel={onClose} okButtonProps={{ loading: report.isPending }} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={`Tiến độ: ${percent} %`}>
          <Slider aria-label="Tiến độ (%)" min={0} max={100} step={5} value={percent} onChange={setPercent} marks={{ 0: '0', 50: '50 %', 100: '100 %' }} />
        </Form.Item>
        <Form.Item label="Nội dung báo cáo" required>
          <Input.TextArea aria-label="Nội dung báo cáo" autoFocus rows={4} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function TaskDrawer({ taskId, onClose }: { taskId: string | null; onClose: () => void }) {
  const task = useTask(taskId);
  const [dialog, setDialog] = useState<HandlingDialog | null>(null);
  const [reportFor, setReportFor] = useState<string | null>(null);
  const t = task.data;
  const mine = t?.myAssignment && t.myAssignment.status === 'open' && t.myAssignment.role !== 'informed' ? t.myAssignment : null;
  return (
    <Drawer open={taskId !== null} onClose={onClose} size={900} title={t ? `Nhiệm vụ: ${t.title}` : 'Nhiệm vụ'} destroyOnHidden>
      {task.isPending && <Spin />}
      {task.isError && <Alert type="error" showIcon title="Không mở được nhiệm vụ" description={errorMessage(task.error)} />}
      {t && (
        <div data-testid="task-detail">
          <Descriptions size="small" bordered column={2} styles={{ label: { width: 120 } }}>
            <Descriptions.Item label="Người giao">{t.assignedByName}</Descriptions.Item>
            <Descriptions.Item label="Chủ trì">{t.primaryAssigneeName}</Descriptions.Item>
            <Descriptions.Item label="Thời hạn">
              <DeadlineCell dueDate={t.dueDate} overdue={t.overdue} dueSoon={t.dueSoon} workingDaysLeft={t.workingDaysLeft} done={t.status === 'done'} />
            </Descriptions.Item>
            <Descriptions.Item label="Trạng thái">
              {TASK_STATUS_LABELS[t.status]} <RoutingSyncTag item={t} />
            </Descriptions.Item>
            <Descriptions.Item label="Tiến độ" span={2}>
              <Progress percent={t.progress} size="small" status={t.overdue ? 'exception' : t.status === 'done' ? 'success' : 'active'} />
            </Descriptions.Item>
            {t.documentSubject && <Descriptions.Item label="Từ văn bản" span={2}>{t.documentSubject}</Descriptions.Item>}
            {t.description && <Descriptions.Item label="Nội dung" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{t.description}</span></Descriptions.Item>}
          </Descriptions>
          {mine && (
            <Space wrap className="handling-actions">
              <Button type="primary" onClick={() => setReportFor(mine.id)}>
                Báo cáo tiến độ
              </Button>
              {mine.role === 'primary' && (
                <Button onClick={() => setDialog({ kind: 'complete', assignmentId: mine.id, isTask: true })}>Hoàn thành</Button>
              )}
              <Button onClick={() => setDialog({ kind: 'opinion', documentId: null, taskId: t.id, assignmentId: mine.id })}>Cho ý kiến</Button>
              {mine.dueDate && !mine.overdue && (
                <Button onClick={() => setDialog({ kind: 'extension', assignmentId: mine.id, dueDate: mine.dueDate! })}>Xin gia hạn</Button>
              )}
            </Space>
          )}
          <Tabs
            size="small"
            items={[
              {
                key: 'reports',
                label: `Báo cáo tiến độ (${t.reports.length})`,
                children:
                  t.reports.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có báo cáo tiến độ." />
                  ) : (
                    <List
                      size="small"
                      dataSource={[...t.reports].reverse()}
                      data-testid="task-reports"
                      renderItem={(r) => (
                        <List.Item>
                          <div style={{ width: '100%' }}>
                            <Space>
                              <strong>{r.authorName}</strong>
                              <span className="rt-muted">{dateTimeVi(r.createdAt)}</span>
                              <RoutingSyncTag item={r} />
                            </Space>
                            <Progress percent={r.percent} size="small" style={{ maxWidth: 320 }} />
                            <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>
                          </div>
                        </List.Item>
                      )}
                    />
                  ),
              },
              {
                key: 'assignees',
                label: `Người thực hiện (${t.assignments.length})`,
                children: (
                  <List
                    size="small"
                    dataSource={t.assignments}
                    renderItem={(a) => (
                      <List.Item>
                        <Space wrap>
                          <RoleTag role={a.role} />
                          <strong>{a.assigneeName}</strong>
                          <AssignmentStatusTag status={a.status} />
                          {a.role !== 'informed' && <DeadlineCell dueDate={a.dueDate} overdue={a.overdue} dueSoon={a.dueSoon} workingDaysLeft={a.workingDaysLeft} done={a.status === 'done'} />}
                        </Space>
                      </List.Item>
                    )}
                  />
                ),
              },
              { key: 'ext', label: `Gia hạn (${t.extensionRequests.length})`, children: <ExtensionList items={t.extensionRequests} onDecide={setDialog} /> },
              {
                key: 'opinions',
                label: `Ý kiến (${t.opinions.length})`,
                children: (
                  <List
                    size="small"
                    dataSource={t.opinions}
                    locale={{ emptyText: 'Chưa có ý kiến.' }}
                    renderItem={(o) => (
                      <List.Item>
                        <div>
                          <strong>{o.authorName}</strong> <span className="rt-muted">{dateTimeVi(o.createdAt)}</span>
                          <div style={{ whiteSpace: 'pre-wrap' }}>{o.text}</div>
                        </div>
                      </List.Item>
                    )}
                  />
                ),
              },
              { key: 'history', label: 'Lịch sử', children: <HistoryTimeline entries={historyEntries(t.history)} /> },
            ]}
          />
        </div>
      )}
      <HandlingDialogs dialog={dialog} onClose={() => setDialog(null)} />
      {reportFor && t && <ReportDialog assignmentId={reportFor} start={t.progress} onClose={() => setReportFor(null)} />}
    </Drawer>
  );
}
