/**
 * The right-hand pane of a draft or an outgoing document: the chosen PDF in the viewer with its "Chữ ký số" panel
 * (a DOCX kept alongside is offered for download instead: it cannot be shown here).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import { Suspense, lazy } from 'react';
import { useApi } from '../../lib/api-context';
import { base64ToBytes } from '../../lib/files';
import { errorCode, errorMessage } from '../../lib/format';
import { saveFile } from '../RegisterExportDrawer';
import { SignaturePanel } from '../SignaturePanel';

const PdfViewer = lazy(() => import('../PdfViewer').then((m) => ({ default: m.PdfViewer })));

export type PaneFile = { sha256: string; name: string; mime: string };

export function useFileBytes(sha256: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['files.read', sha256],
    queryFn: async () => {
      const r = await api.call('files.read', { sha256: sha256! });
      return { ...r, bytes: base64ToBytes(r.contentBase64) };
    },
    enabled: sha256 !== null,
    staleTime: Infinity,
  });
}

export function FilePane({ file }: { file: PaneFile | null }) {
  const content = useFileBytes(file?.sha256 ?? null);
  if (!file) return <Alert type="info" showIcon title="Dự thảo chưa có tệp PDF để xem." />;
  if (content.isPending) return <Spin description="Đang tải tệp…"><div style={{ height: 160 }} /></Spin>;
  if (content.isError) {
    const offline = errorCode(content.error) === 'FILE_UNAVAILABLE_OFFLINE';
    return (
      <Alert
        type={offline ? 'warning' : 'error'}
        showIcon
        title={offline ? 'Tệp chưa có trên máy này' : `Không mở được tệp ${file.name}`}
        description={offline ? 'Tệp sẽ mở được khi máy kết nối lại máy chủ.' : errorMessage(content.error)}
        action={<Button size="small" onClick={() => void content.refetch()}>Thử lại</Button>}
      />
    );
  }
  if (content.data.mime !== 'application/pdf') {
    return (
      <Alert
        type="info"
        showIcon
        title={`${file.name}: tệp soạn thảo, không xem trực tiếp được trong ứng dụng`}
        action={
          <Button size="small" icon={<DownloadOutlined />} onClick={() => saveFile({ fileName: file.name, mime: content.data.mime, bytes: content.data.bytes })}>
            Tải về
          </Button>
        }
      />
    );
  }
  const data = content.data;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 4 }}>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => saveFile({ fileName: file.name, mime: data.mime, bytes: data.bytes })}>
          Tải về
        </Button>
      </div>
      <Suspense fallback={<Spin description="Đang mở trình xem PDF…"><div style={{ height: 160 }} /></Spin>}>
        <PdfViewer key={file.sha256} data={content.data.bytes} name={file.name} />
      </Suspense>
      <SignaturePanel key={`sig-${file.sha256}`} sha256={file.sha256} />
    </>
  );
}
