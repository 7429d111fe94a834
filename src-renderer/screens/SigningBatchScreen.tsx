/**
 * "Trình ký": a batch of PDFs to sign together with one PIN. The user adds PDFs (they are staged into this
 * desktop's file cache), ticks the ones to sign, and opens the signing dialog; signed files open in the viewer.
 */
import { FilePdfOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Empty, Space, Upload } from 'antd';
import { useState } from 'react';
import { DraftsToSignPanel } from '../components/outgoing/DraftsToSignPanel';
import { SignedFileDrawer, type OpenFile } from '../components/SignedFileDrawer';
import { SigningDialog } from '../components/SigningDialog';
import { useApi } from '../lib/api-context';
import { fileToBase64 } from '../lib/files';
import { errorMessage, fileSizeVi } from '../lib/format';

type BatchFile = OpenFile & { size: number };

export function SigningBatchScreen() {
  const api = useApi();
  const { message } = App.useApp();
  const [files, setFiles] = useState<BatchFile[]>([]);
  const [checked, setChecked] = useState<string[]>([]);
  const [signing, setSigning] = useState(false);
  const [viewing, setViewing] = useState<OpenFile | null>(null);

  const add = async (file: File) => {
    if (!/\.pdf$/i.test(file.name)) {
      void message.warning(`${file.name}: chỉ ký được tệp PDF. Hãy chuyển tệp sang PDF trước.`);
      return;
    }
    try {
      const staged = await api.call('intake.stageFile', { name: file.name, mime: 'application/pdf', contentBase64: await fileToBase64(file) });
      setFiles((prev) => (prev.some((f) => f.sha256 === staged.sha256) ? prev : [...prev, { sha256: staged.sha256, name: staged.name, size: staged.size }]));
      setChecked((prev) => (prev.includes(staged.sha256) ? prev : [...prev, staged.sha256]));
    } catch (err) {
      void message.error(`${file.name}: ${errorMessage(err)}`);
    }
  };

  return (
    <div className="page" data-testid="signing-batch-screen">
      <div className="page-toolbar">
        <h2>Trình ký</h2>
        <Space>
          <Upload
            accept="application/pdf,.pdf"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void add(file);
              return false;
            }}
          >
            <Button icon={<PlusOutlined />}>Thêm tệp PDF</Button>
          </Upload>
          <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={checked.length === 0} onClick={() => setSigning(true)} data-testid="batch-sign">
            Ký các tệp đã chọn ({checked.length})
          </Button>
        </Space>
      </div>
      <DraftsToSignPanel />
      {files.length === 0 ? (
        <Empty description="Chưa có tệp nào. Bấm “Thêm tệp PDF” để chọn các văn bản cần ký." />
      ) : (
        <Checkbox.Group value={checked} onChange={(v) => setChecked(v as string[])} style={{ display: 'grid', gap: 6 }}>
          {files.map((f) => (
            <div key={f.sha256} className="batch-file">
              <Checkbox value={f.sha256}>
                <FilePdfOutlined style={{ color: '#cf1322' }} /> {f.name} <span className="muted">· {fileSizeVi(f.size)}</span>
              </Checkbox>
              <Button size="small" type="link" onClick={() => setViewing(f)}>
                Xem
              </Button>
            </div>
          ))}
        </Checkbox.Group>
      )}
      <SigningDialog
        open={signing}
        title="Trình ký — ký số nhiều tệp"
        files={files.filter((f) => checked.includes(f.sha256))}
        onClose={() => setSigning(false)}
        onOpenSigned={setViewing}
      />
      <SignedFileDrawer file={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
