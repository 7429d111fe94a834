/**
 * Drop zone + "Chọn tệp" button for the document's files (PDF/JPEG/PNG/TIFF). PDFs are staged one by one with
 * `intake.stageFile`; scans picked or dropped together (JPEG/PNG/TIFF pages, in order) become ONE PDF with
 * `intake.stageImages`. Each file shows its size, page count, role and the verification of received signatures.
 */
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, FileWordOutlined, InboxOutlined, LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Select, Tooltip, Upload } from 'antd';
import { useRef } from 'react';
import type { StagedFile } from '../../src-shared/contract';
import { FILE_ROLE_LABELS, type FileRole } from '../../src-shared/domain';
import { useApi } from '../lib/api-context';
import { ACCEPT_ATTR, fileToBase64, isAcceptedFile, isImageFile, mimeOf, scanPdfName } from '../lib/files';
import { errorMessage, fileSizeVi } from '../lib/format';
import { ArrivedFilesPicker } from './ArrivedFilesPicker';
import { ReceivedSignatures } from './ReceivedSignatures';

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

type Props = {
  value: FileEntry[];
  onChange: (update: (prev: FileEntry[]) => FileEntry[]) => void;
  error?: string | null;
  /** Scans already registered from this window: not offered again. */
  usedScans?: string[];
  /** Also take .docx (a draft's editable source, kept alongside its PDF). */
  allowDocx?: boolean;
};

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const isDocx = (name: string) => /\.docx$/i.test(name);

/** Sum of the staged files' pages (Số trang, appendix VI PageAmount); null while any page count is unknown. */
export function totalPages(files: FileEntry[]): number | null {
  const ready = files.filter((f) => f.status === 'ready');
  if (ready.length === 0 || ready.some((f) => f.staged?.pageCount == null)) return null;
  return ready.reduce((n, f) => n + (f.staged?.pageCount ?? 0), 0);
}

/** A file the core already staged (taken from the scan folder) as an entry of the form. */
export function entryFromStaged(staged: StagedFile, role: FileRole): FileEntry {
  return { key: `${staged.sha256}-${Date.now()}`, name: staged.name, size: staged.size, role, status: 'ready', staged };
}

export function FileDropZone({ value, onChange, error, usedScans = [], allowDocx = false }: Props) {
  const api = useApi();
  const pickRef = useRef<HTMLButtonElement>(null);

  const add = (name: string, size: number) => {
    const key = `${name}-${size}-${Date.now()}-${Math.random()}`;
    onChange((prev) => [...prev, { key, name, size, role: prev.some((e) => e.role === 'main') ? 'appendix' : 'main', status: 'staging' }]);
    return (p: Partial<FileEntry>) => onChange((prev) => prev.map((e) => (e.key === key ? { ...e, ...p } : e)));
  };

  const stagePdf = async (file: File) => {
    const patch = add(file.name, file.size);
    if (!isAcceptedFile(file.name) && !(allowDocx && isDocx(file.name))) {
      patch({ status: 'error', error: `Chỉ nhận tệp PDF, JPEG, PNG${allowDocx ? ', TIFF hoặc DOCX' : ' hoặc TIFF'}. Hãy quét lại hoặc lưu tệp sang PDF.` });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      patch({ status: 'error', error: 'Tệp lớn hơn 100 MB. Hãy quét ở độ phân giải thấp hơn (200 dpi) hoặc tách thành nhiều tệp.' });
      return;
    }
    try {
      const mime = isDocx(file.name) ? DOCX_MIME : mimeOf(file.name, file.type);
      const staged = await api.call('intake.stageFile', { name: file.name, mime, contentBase64: await fileToBase64(file) });
      patch({ status: 'ready', staged, size: staged.size, name: staged.name });
    } catch (err) {
      patch({ status: 'error', error: errorMessage(err) });
    }
  };

  // Pages of one scan arrive as several images picked together: they belong in one PDF, in the order given.
  const stageScans = async (images: File[]) => {
    const size = images.reduce((n, f) => n + f.size, 0);
    const patch = add(scanPdfName(images.map((f) => f.name)), size);
    if (size > MAX_FILE_BYTES) {
      patch({ status: 'error', error: 'Các ảnh quét lớn hơn 100 MB. Hãy quét ở 200 dpi hoặc chọn ít trang hơn mỗi lần.' });
      return;
    }
    try {
      const staged = await api.call('intake.stageImages', {
        name: scanPdfName(images.map((f) => f.name)),
        images: await Promise.all(images.map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) }))),
      });
      patch({ status: 'ready', staged, size: staged.size, name: staged.name });
    } catch (err) {
      patch({ status: 'error', error: errorMessage(err) });
    }
  };

  const stageBatch = (files: File[]) => {
    const images = files.filter((f) => isImageFile(f.name));
    for (const f of files) if (!isImageFile(f.name)) void stagePdf(f);
    if (images.length > 0) void stageScans(images);
  };

  return (
    <div data-testid="file-drop-zone">
      <Upload.Dragger
        multiple
        accept={allowDocx ? `${ACCEPT_ATTR},.docx,${DOCX_MIME}` : ACCEPT_ATTR}
        showUploadList={false}
        hasControlInside
        beforeUpload={(file, fileList) => {
          // Called once per file with the whole batch: handle the batch on its first file only.
          if (file === fileList[0]) stageBatch(fileList);
          return Upload.LIST_IGNORE;
        }}
        style={error ? { borderColor: '#ff4d4f' } : undefined}
      >
        <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Kéo thả tệp văn bản vào đây, hoặc</p>
        <Button
          ref={pickRef}
          icon={<PaperClipOutlined />}
          style={{ margin: '6px 0' }}
          // The zone opens the picker on the click that Enter/Space produce; its own Enter handler would open it twice.
          // Ctrl+Enter still reaches the form (it submits).
          onKeyDown={(e) => e.key === 'Enter' && !e.ctrlKey && !e.metaKey && e.stopPropagation()}
          // The upload blurs the button when it opens the picker; give the focus back so Tab continues from here.
          onClick={() => setTimeout(() => pickRef.current?.focus(), 0)}
        >
          Chọn tệp…
        </Button>
        <p className="ant-upload-hint">
          {allowDocx
            ? 'PDF văn bản chính (để ký số), phụ lục PDF; kèm bản DOCX nếu có để sửa sau.'
            : 'PDF, JPEG, PNG, TIFF — bản quét màu, từ 200 dpi. Nhiều ảnh chọn cùng lúc được ghép thành một tệp PDF.'}
        </p>
      </Upload.Dragger>
      {error && <div style={{ color: '#ff4d4f', marginTop: 4 }}>{error}</div>}
      <ArrivedFilesPicker
        attached={[...usedScans, ...value.flatMap((e) => (e.staged ? [e.staged.sha256] : []))]}
        onPick={(staged) => {
          onChange((prev) => [...prev, entryFromStaged(staged, prev.some((e) => e.role === 'main') ? 'appendix' : 'main')]);
          // The picked button leaves the list: keep the focus in the form so Tab and Ctrl+Enter go on from here.
          pickRef.current?.focus();
        }}
      />
      {value.map((e) => (
        <div className="staged-file" key={e.key} data-testid="staged-file">
          {e.status === 'staging' ? (
            <LoadingOutlined />
          ) : isDocx(e.name) ? (
            <FileWordOutlined style={{ color: '#1d4f91', fontSize: 18 }} />
          ) : e.staged?.convertedFrom ? (
            <FileImageOutlined style={{ color: '#1d4f91', fontSize: 18 }} />
          ) : (
            <FilePdfOutlined style={{ color: '#cf1322', fontSize: 18 }} />
          )}
          <div className="meta">
            <div className="name" title={e.name}>
              {e.name}
            </div>
            <div className="sub" style={e.status === 'error' ? { color: '#cf1322' } : undefined}>
              {e.status === 'staging' && `${fileSizeVi(e.size)} · đang đọc tệp…`}
              {e.status === 'ready' &&
                `${fileSizeVi(e.size)}${e.staged?.pageCount != null ? ` · ${e.staged.pageCount} trang` : ''}${e.staged?.convertedFrom ? ' · ghép từ ảnh quét' : ''}`}
              {e.status === 'error' && e.error}
            </div>
            {e.status === 'ready' && e.staged && <ReceivedSignatures staged={e.staged} />}
          </div>
          {e.status === 'ready' && allowDocx && isDocx(e.name) && <span className="muted">Bản DOCX (lưu kèm)</span>}
          {e.status === 'ready' && !(allowDocx && isDocx(e.name)) && (
            <Select<FileRole>
              size="small"
              value={e.role}
              style={{ width: 130 }}
              aria-label={`Vai trò của tệp ${e.name}`}
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
