/**
 * Dự thảo chờ ký, on the leader's "Trình ký" screen: the drafts submitted to this leader. The leader reads one in the
 * viewer, signs the ticked ones together with one PIN (approval signature), or returns one with a comment.
 */
import { EyeOutlined, RollbackOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Space, Tag } from 'antd';
import { useState } from 'react';
import type { DraftListItem } from '../../../src-shared/contract';
import { docTypeByCode } from '../../../src-shared/domain';
import { useApi } from '../../lib/api-context';
import { dateTimeVi } from '../../lib/format';
import { useDraftList } from '../../lib/outgoing-queries';
import { UrgencyTag } from '../DocTags';
import { DecisionDialog } from './DecisionDialog';
import { DraftDetailDrawer } from './DraftDetailDrawer';
import { TokenSignDialog } from './TokenSignDialog';
import './outgoing.css';

type Failure = { subject: string; message: string };

export function DraftsToSignPanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const list = useDraftList({ scope: 'toSign', limit: 100, offset: 0 });
  const drafts = list.data?.items ?? [];
  const [checked, setChecked] = useState<string[]>([]);
  const [signOpen, setSignOpen] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [returning, setReturning] = useState<DraftListItem | null>(null);
  const [failures, setFailures] = useState<Failure[]>([]);
  const selected = drafts.filter((d) => checked.includes(d.id));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['outgoing.listDrafts'] });
    void queryClient.invalidateQueries({ queryKey: ['outgoing.getDraft'] });
  };

  if (drafts.length === 0) return null;
  return (
    <section className="drafts-to-sign" data-testid="drafts-to-sign">
      <div className="page-toolbar">
        <h3 style={{ margin: 0, marginRight: 'auto' }}>Dự thảo chờ ký ({drafts.length})</h3>
        <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={selected.length === 0} onClick={() => setSignOpen(true)} data-testid="drafts-sign">
          Ký các dự thảo đã chọn ({selected.length})
        </Button>
      </div>
      <Checkbox.Group value={checked} onChange={(v) => setChecked(v as string[])} style={{ display: 'grid', gap: 4, width: '100%' }}>
        {drafts.map((d) => (
          <div key={d.id} className="batch-file draft-to-sign" data-testid="draft-to-sign">
            <Checkbox value={d.id} aria-label={`Chọn ký: ${d.subject}`} />
            <div className="draft-to-sign-main">
              <div>
                <strong>{docTypeByCode(d.docType)?.name ?? d.docType}</strong> — {d.subject} {d.urgency !== 'normal' && <UrgencyTag urgency={d.urgency} />}
              </div>
              <div className="muted">
                {d.createdByName}
                {d.unitName ? ` · ${d.unitName}` : ''} · phiên bản {d.versionCount} · trình lúc {dateTimeVi(d.updatedAt)}
                {d.syncState === 'pending' && <Tag color="gold" style={{ marginLeft: 6 }}>Chờ đồng bộ</Tag>}
              </div>
            </div>
            <Space>
              <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(d.id)}>
                Đọc
              </Button>
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReturning(d)}>
                Trả lại
              </Button>
            </Space>
          </div>
        ))}
      </Checkbox.Group>
      {failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          style={{ marginTop: 8 }}
          title="Một số dự thảo chưa ký được"
          description={failures.map((f) => `${f.subject}: ${f.message}`).join('\n')}
          onClose={() => setFailures([])}
        />
      )}
      <TokenSignDialog
        signer="person"
        open={signOpen}
        title={`Ký số ${selected.length} dự thảo (chữ ký của lãnh đạo)`}
        summary={
          <ul style={{ marginTop: 0, paddingInlineStart: 18 }}>
            {selected.map((d) => (
              <li key={d.id}>{d.subject}</li>
            ))}
          </ul>
        }
        imageLabel="Chọn ảnh chữ ký (PNG, không bắt buộc)"
        okText={`Ký ${selected.length} dự thảo`}
        onClose={() => setSignOpen(false)}
        sign={async (req) => {
          const res = await api.call('outgoing.sign', { draftIds: selected.map((d) => d.id), ...req });
          const ok = res.results.filter((r) => r.ok).length;
          const failed = res.results
            .filter((r) => !r.ok)
            .map((r) => ({ subject: drafts.find((d) => d.id === r.draftId)?.subject ?? r.draftId, message: r.error?.message ?? 'Lỗi không rõ' }));
          // Nothing signed: the PIN box shows why and lets the leader try again.
          if (ok === 0 && failed.length > 0) throw new Error(failed[0]!.message);
          setFailures(failed);
          setChecked([]);
          setSignOpen(false);
          refresh();
          notification.success({ title: `Đã ký ${ok}/${res.results.length} dự thảo`, description: res.warning ?? 'Văn thư sẽ cấp số, đóng dấu và phát hành.', placement: 'bottomRight' });
        }}
      />
      <DecisionDialog
        open={returning !== null}
        decision="return"
        approveLabel=""
        subject={returning?.subject ?? ''}
        onCancel={() => setReturning(null)}
        onConfirm={async (comment) => {
          if (!returning) return;
          await api.call('outgoing.decide', { draftId: returning.id, stage: 'signature', decision: 'return', comment });
          setReturning(null);
          refresh();
          notification.success({ title: 'Đã trả lại dự thảo', description: returning.subject, placement: 'bottomRight' });
        }}
      />
      <DraftDetailDrawer id={viewing} onClose={() => setViewing(null)} />
    </section>
  );
}
