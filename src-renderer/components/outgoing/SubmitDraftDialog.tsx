/** Trình dự thảo: the drafter names the leader who will sign and sends the draft to the content check. */
import { Alert, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useDirectoryUsers } from '../../lib/outgoing-queries';

type Props = {
  open: boolean;
  subject: string;
  /** The leader chosen before (a draft submitted again after a return keeps its signer). */
  signerId: string | null;
  /** Unit heads' own drafts skip the content check and go to the clerk's format check. */
  nextStepText: string;
  onCancel: () => void;
  onConfirm: (signerId: string, comment: string) => Promise<void>;
};

export function SubmitDraftDialog({ open, subject, signerId, nextStepText, onCancel, onConfirm }: Props) {
  const users = useDirectoryUsers(open);
  const leaders = (users.data ?? []).filter((u) => u.role === 'leader' && u.active);
  const [leader, setLeader] = useState<string | null>(signerId);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setLeader(signerId);
      setComment('');
      setError(null);
    }
  }, [open, signerId]);

  const confirm = async () => {
    if (!leader) {
      setError('Chọn lãnh đạo sẽ ký văn bản.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(leader, comment.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="Trình dự thảo"
      okText="Trình"
      cancelText="Hủy"
      onCancel={onCancel}
      onOk={() => void confirm()}
      okButtonProps={{ loading: busy, 'data-testid': 'submit-ok' }}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>
        Dự thảo: <strong>{subject}</strong>
        <br />
        <span className="muted">{nextStepText}</span>
      </p>
      <label htmlFor="submit-signer">Lãnh đạo ký văn bản</label>
      <Select
        id="submit-signer"
        autoFocus
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%', margin: '4px 0 12px' }}
        placeholder="Chọn lãnh đạo ký"
        loading={users.isPending}
        value={leader}
        onChange={setLeader}
        options={leaders.map((u) => ({ value: u.id, label: `${u.fullName}${u.position ? ` — ${u.position}` : ''}` }))}
        data-testid="submit-signer"
      />
      <Input.TextArea aria-label="Ý kiến khi trình" placeholder="Ý kiến khi trình (không bắt buộc)" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
