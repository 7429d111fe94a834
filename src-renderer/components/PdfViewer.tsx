/**
 * PDF viewer on pdfjs-dist: renders each page to a canvas at a zoom that fits the panel. The worker is the
 * bundled `pdf.worker.min.mjs` (same origin, allowed by the CSP); eval-free font loading keeps the CSP strict.
 */
import { ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Alert, Button, Spin, Tooltip } from 'antd';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

GlobalWorkerOptions.workerSrc = workerUrl;

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];

function PdfPage({ doc, pageNumber, zoom }: { doc: PDFDocumentProxy; pageNumber: number; zoom: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(pageNumber).then((page) => {
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: zoom * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      task = page.render({ canvas, viewport });
      task.promise.then(
        () => {
          if (!cancelled) canvas.dataset.rendered = 'true';
        },
        () => undefined, // cancelled by a zoom change or unmount
      );
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, zoom]);
  return <canvas ref={canvasRef} data-testid="pdf-page" data-page={pageNumber} aria-label={`Trang ${pageNumber}`} />;
}

export function PdfViewer({ data, name }: { data: Uint8Array<ArrayBuffer>; name: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [zoomIndex, setZoomIndex] = useState(2);

  useEffect(() => {
    setDoc(null);
    setFailed(null);
    // The task of the previous file rejects when it is destroyed below: its answer must not overwrite this one.
    let current = true;
    // pdf.js takes ownership of the buffer it is given: pass a copy so a re-render can reopen the file.
    const task = getDocument({ data: data.slice() });
    task.promise.then(
      (d) => current && setDoc(d),
      (err: unknown) =>
        current &&
        setFailed(err instanceof Error && err.name === 'PasswordException' ? 'Tệp PDF có mật khẩu, không mở được trong ứng dụng.' : 'Tệp PDF bị hỏng hoặc không đọc được.'),
    );
    return () => {
      current = false;
      void task.destroy();
    };
  }, [data]);

  if (failed) return <Alert type="error" showIcon title={`Không hiển thị được ${name}`} description={failed} />;
  if (!doc) return <Spin description="Đang mở tệp PDF…"><div style={{ height: 200 }} /></Spin>;
  const zoom = ZOOMS[zoomIndex] ?? 1;
  return (
    <div>
      <div className="pdf-toolbar">
        <Tooltip title="Thu nhỏ">
          <Button size="small" icon={<ZoomOutOutlined />} disabled={zoomIndex === 0} onClick={() => setZoomIndex((i) => i - 1)} aria-label="Thu nhỏ" />
        </Tooltip>
        <span style={{ minWidth: 48, textAlign: 'center' }}>{Math.round(zoom * 100)}%</span>
        <Tooltip title="Phóng to">
          <Button
            size="small"
            icon={<ZoomInOutlined />}
            disabled={zoomIndex === ZOOMS.length - 1}
            onClick={() => setZoomIndex((i) => i + 1)}
            aria-label="Phóng to"
          />
        </Tooltip>
        <span style={{ color: '#5b6b82', marginLeft: 8 }}>{doc.numPages} trang</span>
      </div>
      <div className="pdf-viewer" data-testid="pdf-viewer">
        {Array.from({ length: doc.numPages }, (_, i) => (
          <PdfPage key={i + 1} doc={doc} pageNumber={i + 1} zoom={zoom} />
        ))}
      </div>
    </div>
  );
}
