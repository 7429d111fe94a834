/** Trình lãnh đạo (clerk): send a registered document to a leader's inbox, or to every leader when none is chosen. */
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useDirectoryUsers } from '../../lib/outgoing-queries';
import { useRoutingAction } from '../../lib/routing-queries';

export function SubmitDialog({ open, documentId, onClose }: { open: boolean; documentId: string; onClose: () => void }) {
  const users = useDirectoryUsers(open);
  const [leaderId, setLeaderId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const submit = useRoutingAction('routing.submit', 'Đã trình lãnh đạo');
  const leaders = (users.data ?? []).filter((u) => u.role === 'leader' && u.active);
  return (
    <Modal
      open={open}
      title="Trình lãnh đạo cho ý kiến"
      okText="Trình"
      cancelText="Hủy"
      okButtonProps={{ loading: submit.isPending }}
      onCancel={onClose}
      onOk={() => void submit.mutateAsync({ documentId, leaderId, note }).then(onClose, () => undefined)}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="Lãnh đạo nhận">
          <Select<string | null>
            aria-label="Lãnh đạo nhận"
            value={leaderId}
            onChange={setLeaderId}
            options={[{ value: null, label: 'Tất cả lãnh đạo' }, ...leaders.map((u) => ({ value: u.id, label: `${u.fullName} — ${u.position}` }))]}
          />
        </Form.Item>
        <Form.Item label="Ghi chú khi trình">
          <Input.TextArea aria-label="Ghi chú khi trình" rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
