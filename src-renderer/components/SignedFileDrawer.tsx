/** A signed PDF opened from the signing results: the viewer and its "Chữ ký số" panel side by side. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Spin } from 'antd';
import { Suspense, lazy } from 'react';
import { useApi } from '../lib/api-context';
import { base64ToBytes } from '../lib/files';
import { errorMessage } from '../lib/format';
import { SignaturePanel } from './SignaturePanel';

const PdfViewer = lazy(() => import('./PdfViewer').then((m) => ({ default: m.PdfViewer })));

export type OpenFile = { sha256: string; name: string };

export function SignedFileDrawer({ file, onClose }: { file: OpenFile | null; onClose: () => void }) {
  const api = useApi();
  const content = useQuery({
    queryKey: ['files.read', file?.sha256],
    queryFn: async () => {
      const r = await api.call('files.read', { sha256: file!.sha256 });
      return { ...r, bytes: base64ToBytes(r.contentBase64) };
    },
    enabled: file !== null,
    staleTime: Infinity,
  });
  return (
    <Drawer open={file !== null} onClose={onClose} size={1200} title={file ? `Tệp đã ký — ${file.name}` : 'Tệp đã ký'} destroyOnHidden>
      {file && (
        <div className="signed-file-layout" data-testid="signed-file-viewer">
          <div className="viewer-pane">
            {content.isPending && <Spin description="Đang tải tệp…"><div style={{ height: 160 }} /></Spin>}
            {content.isError && <Alert type="error" showIcon title="Không mở được tệp đã ký" description={errorMessage(content.error)} />}
            {content.data && (
              <Suspense fallback={<Spin description="Đang mở trình xem PDF…"><div style={{ height: 160 }} /></Spin>}>
                <PdfViewer data={content.data.bytes} name={file.name} />
              </Suspense>
            )}
          </div>
          <SignaturePanel sha256={file.sha256} />
        </div>
      )}
    </Drawer>
  );
}
