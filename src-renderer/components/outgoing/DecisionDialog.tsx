/**
 * One step's decision on a draft: forward it (approve, with an optional comment) or return it to the drafter with
 * a comment that says what to fix. Returning without a comment is refused: the drafter must know what to change.
 */
import { Alert, Input, Modal, type GetRef } from 'antd';
import { useEffect, useRef, useState } from 'react';

export type Decision = 'approve' | 'return';

type Props = {
  open: boolean;
  decision: Decision;
  /** What approving does at this step, e.g. "Duyệt nội dung và chuyển văn thư kiểm tra thể thức". */
  approveLabel: string;
  subject: string;
  onCancel: () => void;
  onConfirm: (comment: string) => Promise<void>;
};

export function DecisionDialog({ open, decision, approveLabel, subject, onCancel, onConfirm }: Props) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<GetRef<typeof Input.TextArea>>(null);
  useEffect(() => {
    if (open) {
      setComment('');
      setError(null);
    }
  }, [open]);

  const confirm = async () => {
    if (busy) return;
    if (decision === 'return' && !comment.trim()) {
      setError('Ghi ý kiến: cần sửa những gì để người soạn biết và sửa lại.');
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(comment.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={decision === 'return' ? 'Trả lại dự thảo kèm ý kiến' : approveLabel}
      okText={decision === 'return' ? 'Trả lại' : 'Đồng ý'}
      okButtonProps={{ danger: decision === 'return', loading: busy, 'data-testid': 'decision-ok' }}
      cancelText="Hủy"
      onCancel={onCancel}
      onOk={() => void confirm()}
      afterOpenChange={(o) => o && ref.current?.focus()}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>
        Dự thảo: <strong>{subject}</strong>
      </p>
      <Input.TextArea
        ref={ref}
        aria-label="Ý kiến"
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={1000}
        value={comment}
        placeholder={decision === 'return' ? 'Ý kiến: cần sửa những gì (bắt buộc)' : 'Ý kiến (không bắt buộc)'}
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void confirm();
          }
        }}
        data-testid="decision-comment"
      />
      <div className="muted" style={{ marginTop: 4 }}>
        Ctrl+Enter: xác nhận
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
