/**
 * The dialogs of handling a document or a task: opinion (ý kiến, with result/draft files), completion (kết quả, số ký
 * hiệu văn bản trả lời), return with a reason, extension request (before the deadline) and the assigner's decision.
 * Each one queues its change locally and closes; a refusal by the server shows later in the history with its reason.
 */
import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { OPINION_FILE_KIND_LABELS, OPINION_FILE_KINDS, todayInVietnam, type OpinionFileKind } from '../../../src-shared/domain';
import { dateVi } from '../../lib/format';
import { useRoutingAction } from '../../lib/routing-queries';
import { FileDropZone, type FileEntry } from '../FileDropZone';

export type HandlingDialog =
  | { kind: 'opinion'; documentId: string | null; taskId: string | null; assignmentId: string | null }
  | { kind: 'complete'; assignmentId: string; isTask: boolean }
  | { kind: 'return'; assignmentId: string }
  | { kind: 'extension'; assignmentId: string; dueDate: string }
  | { kind: 'decide'; requestId: string; approve: boolean; summary: string };

function stagedFiles(files: FileEntry[], kind: OpinionFileKind) {
  return files.filter((f) => f.status === 'ready' && f.staged).map((f) => ({ sha256: f.staged!.sha256, name: f.staged!.name, kind }));
}

function FilesField({ files, setFiles, kind, setKind }: { files: FileEntry[]; setFiles: (u: (p: FileEntry[]) => FileEntry[]) => void; kind: OpinionFileKind; setKind: (k: OpinionFileKind) => void }) {
  return (
    <Form.Item label="Tệp đính kèm">
      <Radio.Group
        size="small"
        value={kind}
        onChange={(e) => setKind(e.target.value as OpinionFileKind)}
        options={OPINION_FILE_KINDS.map((k) => ({ value: k, label: OPINION_FILE_KIND_LABELS[k] }))}
        style={{ marginBottom: 8 }}
        aria-label="Loại tệp đính kèm"
      />
      <FileDropZone value={files} onChange={setFiles} />
    </Form.Item>
  );
}

const TITLES: Record<HandlingDialog['kind'], string> = {
  opinion: 'Cho ý kiến xử lý',
  complete: 'Hoàn thành xử lý',
  return: 'Trả lại',
  extension: 'Xin gia hạn xử lý',
  decide: 'Quyết định gia hạn',
};

export function HandlingDialogs({ dialog, onClose }: { dialog: HandlingDialog | null; onClose: () => void }) {
  const [text, setText] = useState('');
  const [reply, setReply] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [files, setFilesState] = useState<FileEntry[]>([]);
  const [kind, setKind] = useState<OpinionFileKind>('result');
  const [error, setError] = useState<string | null>(null);
  const setFiles = (u: (p: FileEntry[]) => FileEntry[]) => setFilesState(u);
  const opinion = useRoutingAction('routing.addOpinion', 'Đã ghi ý kiến xử lý');
  const complete = useRoutingAction('routing.complete', 'Đã hoàn thành xử lý');
  const ret = useRoutingAction('routing.return', 'Đã trả lại');
  const extension = useRoutingAction('tasks.requestExtension', 'Đã gửi đề nghị gia hạn');
  const decide = useRoutingAction('tasks.decideExtension', 'Đã gửi quyết định gia hạn');

  useEffect(() => {
    setText('');
    setReply('');
    setDate(null);
    setFilesState([]);
    setKind(dialog?.kind === 'opinion' ? 'draft' : 'result');
    setError(null);
  }, [dialog]);

  if (!dialog) return null;
  const busy = opinion.isPending || complete.isPending || ret.isPending || extension.isPending || decide.isPending;
  const staging = files.some((f) => f.status === 'staging');

  const submit = async () => {
    setError(null);
    switch (dialog.kind) {
      case 'opinion':
        if (!text.trim()) return setError('Nhập nội dung ý kiến.');
        await opinion.mutateAsync({ documentId: dialog.documentId, taskId: dialog.taskId, assignmentId: dialog.assignmentId, text, files: stagedFiles(files, kind) });
        break;
      case 'complete':
        await complete.mutateAsync({ assignmentId: dialog.assignmentId, resultNote: text, replyNotation: reply.trim() || null, files: stagedFiles(files, kind) });
        break;
      case 'return':
        if (!text.trim()) return setError('Nhập lý do trả lại để người giao biết cần làm gì tiếp.');
        await ret.mutateAsync({ assignmentId: dialog.assignmentId, reason: text });
        break;
      case 'extension':
        if (!date) return setError('Chọn ngày đề nghị gia hạn đến.');
        if (!text.trim()) return setError('Nhập lý do xin gia hạn.');
        await extension.mutateAsync({ assignmentId: dialog.assignmentId, requestedDueDate: date, reason: text });
        break;
      case 'decide':
        if (!dialog.approve && !text.trim()) return setError('Nhập lý do không đồng ý để người đề nghị biết.');
        await decide.mutateAsync({ requestId: dialog.requestId, approve: dialog.approve, note: text });
        break;
    }
    onClose();
  };

  const okText =
    dialog.kind === 'decide' ? (dialog.approve ? 'Đồng ý gia hạn' : 'Không đồng ý') : dialog.kind === 'opinion' ? 'Gửi ý kiến' : dialog.kind === 'extension' ? 'Gửi đề nghị' : TITLES[dialog.kind];
  return (
    <Modal
      open
      title={dialog.kind === 'decide' ? (dialog.approve ? 'Đồng ý gia hạn' : 'Không đồng ý gia hạn') : TITLES[dialog.kind]}
      okText={okText}
      cancelText="Hủy"
      okButtonProps={{ loading: busy, disabled: staging, danger: dialog.kind === 'return' || (dialog.kind === 'decide' && !dialog.approve) }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={dialog.kind === 'opinion' || dialog.kind === 'complete' ? 640 : 520}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void submit().catch(() => undefined)}>
        {dialog.kind === 'decide' && <Typography.Paragraph>{dialog.summary}</Typography.Paragraph>}
        {dialog.kind === 'extension' && (
          <>
            <Typography.Paragraph>
              Hạn hiện tại: <strong>{dateVi(dialog.dueDate)}</strong>. Đề nghị gia hạn phải gửi trước hạn; người giao việc sẽ đồng ý hoặc không.
            </Typography.Paragraph>
            <Form.Item label="Gia hạn đến ngày" required>
              <DatePicker
                aria-label="Gia hạn đến ngày"
                format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
                value={date ? dayjs(date) : null}
                disabledDate={(d) => d.format('YYYY-MM-DD') <= (dialog.dueDate > todayInVietnam() ? dialog.dueDate : todayInVietnam())}
                onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)}
              />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'complete' && (
          <Form.Item label="Số, ký hiệu văn bản trả lời (nếu có)">
            <Input aria-label="Số, ký hiệu văn bản trả lời" placeholder="Ví dụ: 45/SNV-TCCB" value={reply} onChange={(e) => setReply(e.target.value)} maxLength={100} />
          </Form.Item>
        )}
        <Form.Item
          label={
            dialog.kind === 'opinion'
              ? 'Nội dung ý kiến'
              : dialog.kind === 'complete'
                ? 'Nội dung kết quả'
                : dialog.kind === 'return'
                  ? 'Lý do trả lại'
                  : dialog.kind === 'extension'
                    ? 'Lý do xin gia hạn'
                    : 'Ý kiến của người giao việc'
          }
          required={dialog.kind !== 'complete' && !(dialog.kind === 'decide' && dialog.approve)}
        >
          <Input.TextArea
            autoFocus
            aria-label={
              dialog.kind === 'opinion' ? 'Nội dung ý kiến' : dialog.kind === 'complete' ? 'Nội dung kết quả' : dialog.kind === 'return' ? 'Lý do trả lại' : dialog.kind === 'extension' ? 'Lý do xin gia hạn' : 'Ý kiến của người giao việc'
            }
            rows={4}
            maxLength={dialog.kind === 'opinion' ? 4000 : 2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit().catch(() => undefined);
            }}
          />
        </Form.Item>
        {(dialog.kind === 'opinion' || dialog.kind === 'complete') && <FilesField files={files} setFiles={setFiles} kind={kind} setKind={setKind} />}
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
