/**
 * Drop zone + picker for the document's files (PDF/JPEG/PNG/TIFF). Files are read here and handed to the core
 * with `intake.stageFile` (base64); the list shows name, size and page count as the core reports them.
 */
import { DeleteOutlined, FilePdfOutlined, FileImageOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Select, Tooltip, Upload } from 'antd';
import type { StagedFile } from '../../src-shared/contract';
import { FILE_ROLE_LABELS, type FileRole } from '../../src-shared/domain';
import { useApi } from '../lib/api-context';
import { ACCEPT_ATTR, fileToBase64, isAcceptedFile, mimeOf } from '../lib/files';
import { errorMessage, fileSizeVi } from '../lib/format';

export type FileEntry = {
  key: string;
  name: string;
  size: number;
  role: FileRole;
  status: 'staging' | 'ready' | 'error';
  staged?: StagedFile;
  error?: string;
};

/** Matches the host's WebSocket limit with room for base64 growth (4/3). */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

type Props = { value: FileEntry[]; onChange: (update: (prev: FileEntry[]) => FileEntry[]) => void; error?: string | null };

export function FileDropZone({ value, onChange, error }: Props) {
  const api = useApi();

  const stage = async (file: File) => {
    const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
    const patch = (p: Partial<FileEntry>) => onChange((prev) => prev.map((e) => (e.key === key ? { ...e, ...p } : e)));
    onChange((prev) => [
      ...prev,
      { key, name: file.name, size: file.size, role: prev.some((e) => e.role === 'main') ? 'appendix' : 'main', status: 'staging' },
    ]);
    if (!isAcceptedFile(file.name)) {
      patch({ status: 'error', error: 'Chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF. Hãy quét lại hoặc lưu tệp sang PDF.' });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      patch({ status: 'error', error: 'Tệp lớn hơn 100 MB. Hãy quét ở độ phân giải thấp hơn (200 dpi) hoặc tách thành nhiều tệp.' });
      return;
    }
    try {
      const staged = await api.call('intake.stageFile', {
        name: file.name,
        mime: mimeOf(file.name, file.type),
        contentBase64: await fileToBase64(file),
      });
      patch({ status: 'ready', staged, size: staged.size });
    } catch (err) {
      patch({ status: 'error', error: errorMessage(err) });
    }
  };

  return (
    <div data-testid="file-drop-zone">
      <Upload.Dragger
        multiple
        accept={ACCEPT_ATTR}
        showUploadList={false}
        beforeUpload={(file) => {
          void stage(file);
          return Upload.LIST_IGNORE;
        }}
        style={error ? { borderColor: '#ff4d4f' } : undefined}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Kéo thả tệp văn bản vào đây, hoặc bấm để chọn tệp</p>
        <p className="ant-upload-hint">PDF, JPEG, PNG, TIFF — bản quét màu, từ 200 dpi. Tệp đầu tiên là văn bản chính.</p>
      </Upload.Dragger>
      {error && <div style={{ color: '#ff4d4f', marginTop: 4 }}>{error}</div>}
      {value.map((e) => (
        <div className="staged-file" key={e.key} data-testid="staged-file">
          {e.status === 'staging' ? (
            <LoadingOutlined />
          ) : e.name.toLowerCase().endsWith('.pdf') ? (
            <FilePdfOutlined style={{ color: '#cf1322', fontSize: 18 }} />
          ) : (
            <FileImageOutlined style={{ color: '#1d4f91', fontSize: 18 }} />
          )}
          <div className="meta">
            <div className="name" title={e.name}>
              {e.name}
            </div>
            <div className="sub" style={e.status === 'error' ? { color: '#cf1322' } : undefined}>
              {e.status === 'staging' && `${fileSizeVi(e.size)} · đang đọc tệp…`}
              {e.status === 'ready' &&
                `${fileSizeVi(e.size)}${e.staged?.pageCount != null ? ` · ${e.staged.pageCount} trang` : ''}`}
              {e.status === 'error' && e.error}
            </div>
          </div>
          {e.status === 'ready' && (
            <Select<FileRole>
              size="small"
              value={e.role}
              style={{ width: 130 }}
              aria-label="Vai trò của tệp"
              options={(['main', 'appendix'] as const).map((r) => ({ value: r, label: FILE_ROLE_LABELS[r] }))}
              onChange={(role) => onChange((prev) => prev.map((x) => (x.key === e.key ? { ...x, role } : x)))}
            />
          )}
          <Tooltip title="Bỏ tệp này">
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={`Bỏ tệp ${e.name}`}
              onClick={() => onChange((prev) => prev.filter((x) => x.key !== e.key))}
            />
          </Tooltip>
        </div>
      ))}
    </div>
  );
}
