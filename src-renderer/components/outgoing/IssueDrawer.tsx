/**
 * Cấp số, phát hành: the clerk takes a signed draft, sets the issue date and the recipients, and asks the server for the
 * number of the outgoing register. Online the number comes back at once; offline the issuance waits in the queue and
 * the drawer says so plainly (the number, then the seal, come when the connection is back).
 */
import { NumberOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Descriptions, Drawer, Input, Result, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { DraftDetail } from '../../../src-shared/contract';
import { docTypeByCode, todayInVietnam } from '../../../src-shared/domain';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/format';
import { useDirectoryUnits, useDirectoryUsers } from '../../lib/outgoing-queries';
import { RecipientsEditor, type RecipientValue } from './RecipientsEditor';

export type IssueOutcome = { id: string; provisional: boolean; number: number; numberNotation: string; message: string };

type Props = {
  draft: DraftDetail | null;
  /** Set when the new document replaces an issued one (thay thế). */
  replaces?: { id: string; numberNotation: string } | null;
  onClose: () => void;
  /** Opens the issued document (to seal and dispatch it). */
  onIssued: (outcome: IssueOutcome, recipients: RecipientValue[]) => void;
  /** Called as soon as the number (or the queued state) is known. */
  onResult?: (outcome: IssueOutcome) => void;
};

export function toRecipientInput(r: RecipientValue) {
  return { channel: r.channel, unitId: r.unitId, userId: r.userId, organId: r.organId, name: r.name, email: r.email, address: r.address };
}

export function IssueDrawer({ draft, replaces, onClose, onIssued, onResult }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const units = useDirectoryUnits(draft !== null);
  const users = useDirectoryUsers(draft !== null);
  const [date, setDate] = useState<Dayjs>(dayjs(todayInVietnam()));
  const [recipients, setRecipients] = useState<RecipientValue[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);

  useEffect(() => {
    if (!draft) return;
    setDate(dayjs(todayInVietnam()));
    setRecipients([]);
    setNote('');
    setError(null);
    setOutcome(null);
  }, [draft]);

  const issue = async () => {
    if (!draft || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.call('outgoing.issue', {
        draftId: draft.id,
        issuedDate: date.format('YYYY-MM-DD'),
        recipients: recipients.map(toRecipientInput),
        note: note.trim(),
        replacesId: replaces?.id ?? null,
      });
      setOutcome(res);
      onResult?.(res);
      void queryClient.invalidateQueries({ queryKey: ['outgoing.listDrafts'] });
      void queryClient.invalidateQueries({ queryKey: ['outgoing.listIssued'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={draft !== null} onClose={onClose} size={880} title={replaces ? `Phát hành văn bản thay thế ${replaces.numberNotation}` : 'Cấp số, phát hành văn bản'} destroyOnHidden>
      {draft && !outcome && (
        <div data-testid="issue-drawer">
          <Descriptions size="small" bordered column={1} styles={{ label: { width: 150 } }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="Trích yếu">{draft.subject}</Descriptions.Item>
            <Descriptions.Item label="Loại, ký hiệu">
              {docTypeByCode(draft.docType)?.name ?? draft.docType} — Số …/{draft.notation}
            </Descriptions.Item>
            <Descriptions.Item label="Người ký">{draft.signerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Nơi nhận (trên văn bản)">{draft.recipientsText || '—'}</Descriptions.Item>
          </Descriptions>
          <div className="register-hint">
            <span>Số văn bản: máy chủ cấp số tiếp theo trong sổ văn bản đi năm {date.year()} khi bấm “Cấp số”.</span>
          </div>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <label>
              Ngày ban hành{' '}
              <DatePicker
                aria-label="Ngày ban hành"
                format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
                allowClear={false}
                value={date}
                onChange={(v) => v && setDate(v)}
              />
            </label>
            <div>
              <div style={{ marginBottom: 4 }}>Nơi nhận (gửi đi)</div>
              <RecipientsEditor value={recipients} onChange={setRecipients} units={units.data ?? []} users={users.data ?? []} />
            </div>
            <Input aria-label="Ghi chú sổ văn bản đi" placeholder="Ghi chú (sổ văn bản đi)" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
            {error && <Alert type="error" showIcon title="Chưa cấp số được" description={error} />}
            <Button type="primary" size="large" icon={<NumberOutlined />} loading={busy} onClick={() => void issue()} data-testid="issue-allocate">
              Cấp số
            </Button>
          </Space>
        </div>
      )}
      {outcome && (
        <Result
          status={outcome.provisional ? 'warning' : 'success'}
          data-testid="issue-result"
          title={outcome.provisional ? 'Đang chờ máy chủ cấp số' : `Đã cấp số ${outcome.numberNotation}`}
          subTitle={
            outcome.provisional
              ? `${outcome.message} Số tạm ${outcome.numberNotation} chỉ để theo dõi; số chính thức có thể khác. Sau khi có số, mở văn bản để ghi số, ngày và đóng dấu số.`
              : `${outcome.message} Bước tiếp theo: ghi số, ngày vào văn bản và đóng dấu số bằng USB của cơ quan, rồi gửi đi.`
          }
          extra={[
            <Button key="open" type="primary" onClick={() => onIssued(outcome, recipients)} data-testid="issue-open">
              {outcome.provisional ? 'Xem văn bản đang chờ' : 'Đóng dấu số và gửi'}
            </Button>,
            <Button key="close" onClick={onClose}>
              Đóng
            </Button>,
          ]}
        />
      )}
    </Drawer>
  );
}
