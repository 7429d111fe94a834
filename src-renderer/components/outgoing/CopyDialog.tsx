/**
 * Bản sao điện tử (ND30): SAO Y, SAO LỤC or TRÍCH SAO of any PDF, made by signing it with the organization's token with
 * the copy stamp (form, copying organization, time) at the top right of the first page. The copy opens in the viewer
 * and is saved to the downloads folder.
 */
import { Radio, Space } from 'antd';
import { useState } from 'react';
import { useApi } from '../../lib/api-context';
import { base64ToBytes } from '../../lib/files';
import { saveFile } from '../RegisterExportDrawer';
import type { OpenFile } from '../SignedFileDrawer';
import { TokenSignDialog } from './TokenSignDialog';

const FORMS = ['SAO Y', 'SAO LỤC', 'TRÍCH SAO'] as const;
type CopyForm = (typeof FORMS)[number];

const HINTS: Record<CopyForm, string> = {
  'SAO Y': 'Sao đầy đủ, chính xác nội dung của bản gốc hoặc bản chính.',
  'SAO LỤC': 'Sao đầy đủ, chính xác nội dung của bản sao y, thực hiện từ bản sao y.',
  'TRÍCH SAO': 'Sao chính xác một phần nội dung của bản gốc hoặc bản chính.',
};

type Props = { file: OpenFile | null; organization: string; onClose: () => void; onMade: (copy: OpenFile) => void };

export function CopyDialog({ file, organization, onClose, onMade }: Props) {
  const api = useApi();
  const [form, setForm] = useState<CopyForm>('SAO Y');
  return (
    <TokenSignDialog
      signer="organization"
      open={file !== null}
      title="Tạo bản sao điện tử"
      okText={`Ký bản ${form.toLowerCase()}`}
      onClose={onClose}
      summary={
        <div data-testid="copy-dialog">
          <p style={{ marginTop: 0 }}>
            Văn bản: <strong>{file?.name}</strong> — cơ quan sao: {organization}
          </p>
          <Radio.Group value={form} onChange={(e) => setForm(e.target.value as CopyForm)}>
            <Space direction="vertical">
              {FORMS.map((f) => (
                <Radio key={f} value={f}>
                  <strong>{f}</strong> <span className="muted">— {HINTS[f]}</span>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </div>
      }
      sign={async (req) => {
        if (!file) return;
        const res = await api.call('signing.signFiles', {
          files: [{ sha256: file.sha256, name: file.name }],
          certificateId: req.certificateId,
          pin: req.pin,
          confirmFinalTry: req.confirmFinalTry,
          appearance: 'copyStamp',
          copyForm: form,
          copyingOrganization: organization,
          reason: `Bản ${form.toLowerCase()} điện tử`,
        });
        const r = res.results[0];
        if (!r?.ok || !r.signed) throw new Error(r?.error?.message ?? 'Chưa tạo được bản sao.');
        const copyName = `${form.replace(' ', '-')}_${r.signed.name}`;
        const bytes = await api.call('files.read', { sha256: r.signed.sha256 });
        saveFile({ fileName: copyName, mime: 'application/pdf', bytes: base64ToBytes(bytes.contentBase64) });
        onMade({ sha256: r.signed.sha256, name: copyName });
      }}
    />
  );
}
