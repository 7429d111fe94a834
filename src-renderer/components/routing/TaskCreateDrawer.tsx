/** Giao nhiệm vụ: a task alone or from a document, with its deadline and who carries it out (one primary). */
import { Alert, Button, Drawer, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useRoutingAction } from '../../lib/routing-queries';
import { AssignmentForm, EMPTY_ASSIGNMENT, assignmentInputs, dueOf, type AssignmentValue } from './AssignmentForm';
import { toDueInput } from './DeadlineInput';

export type TaskSource = { documentId: string; subject: string } | null;

export function TaskCreateDrawer({ open, source, onClose }: { open: boolean; source: TaskSource; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [value, setValue] = useState<AssignmentValue>(EMPTY_ASSIGNMENT);
  const [error, setError] = useState<string | null>(null);
  const create = useRoutingAction('tasks.create', 'Đã giao nhiệm vụ');

  const sourceSubject = source?.subject ?? null;
  // Reset when opened (or for another document), not on every render of the parent.
  useEffect(() => {
    if (!open) return;
    setTitle(sourceSubject ? `Tham mưu xử lý: ${sourceSubject}`.slice(0, 500) : '');
    setDescription('');
    setValue(EMPTY_ASSIGNMENT);
    setError(null);
  }, [open, sourceSubject]);

  const send = async () => {
    if (!title.trim()) return setError('Nhập tên nhiệm vụ.');
    if (!value.primary) return setError('Chọn người (hoặc đơn vị) chủ trì thực hiện nhiệm vụ.');
    const due = toDueInput(dueOf(value, value.primary));
    if (!due) return setError('Nhiệm vụ phải có thời hạn hoàn thành.');
    try {
      await create.mutateAsync({ title, description, documentId: source?.documentId ?? null, due, assignments: assignmentInputs(value) });
      onClose();
    } catch {
      // shown by the action
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="Giao nhiệm vụ"
      size={760}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={create.isPending} onClick={() => void send()} title="Ctrl+Enter" data-testid="task-create-send">
            Giao nhiệm vụ
          </Button>
        </Space>
      }
    >
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      >
        {source && <Typography.Paragraph type="secondary">Từ văn bản: {source.subject}</Typography.Paragraph>}
        <label className="field-label" htmlFor="task-title">
          Tên nhiệm vụ <span className="required">*</span>
        </label>
        <Input id="task-title" aria-label="Tên nhiệm vụ" autoFocus value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} />
        <label className="field-label" htmlFor="task-description">
          Nội dung, yêu cầu
        </label>
        <Input.TextArea id="task-description" aria-label="Nội dung, yêu cầu" rows={3} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <AssignmentForm value={value} onChange={setValue} />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </div>
    </Drawer>
  );
}
