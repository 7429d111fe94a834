/**
 * Thư mục quét: where this desktop's scanner saves its files ("scan to folder"). The core watches it and stages
 * each new file; the clerk starts a registration from an arrived scan here. Per desktop, not per user.
 */
import { FolderOpenOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Empty, Input, List, Space, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { StagedFile } from '../../src-shared/contract';
import { useApi } from '../lib/api-context';
import { dateTimeVi, errorMessage, fileSizeVi } from '../lib/format';
import { useArrivedFiles, useScanFolder } from '../lib/queries';

type Props = {
  open: boolean;
  onClose: () => void;
  canRegister: boolean;
  onRegister: (staged: StagedFile) => void;
  /** Scans registered from this window. */
  usedScans?: string[];
};

export function ScanFolderPanel({ open, onClose, canRegister, onRegister, usedScans = [] }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const folder = useScanFolder();
  const arrived = useArrivedFiles(open);
  const [path, setPath] = useState('');
  const pathRef = useRef<InputRef>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) setPath(folder.data?.path ?? '');
  }, [open, folder.data?.path]);

  const save = async (next: string | null) => {
    setSaving(true);
    setError(null);
    try {
      const status = await api.call('intake.setScanFolder', { path: next });
      queryClient.setQueryData(['intake.getScanFolder'], status);
      void queryClient.invalidateQueries({ queryKey: ['intake.listArrived'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const status = folder.data;
  return (
    <Drawer
      title="Thư mục quét của máy này"
      open={open}
      onClose={onClose}
      size={620}
      afterOpenChange={(isOpen) => isOpen && pathRef.current?.focus()}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        Đặt máy quét lưu tệp (PDF, JPEG, PNG, TIFF) vào một thư mục, rồi nhập đường dẫn thư mục đó ở đây. Tệp mới được tự động
        nhận vào danh sách bên dưới và chuyển sang thư mục con <code>da-nhan</code>.
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={pathRef}
          aria-label="Đường dẫn thư mục quét"
          prefix={<FolderOpenOutlined />}
          placeholder="Ví dụ: C:\Scan hoặc /home/vanthu/scan"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          onPressEnter={() => path.trim() && void save(path.trim())}
        />
        <Button type="primary" loading={saving} disabled={!path.trim()} onClick={() => void save(path.trim())}>
          Lưu
        </Button>
        {status?.path && (
          <Button disabled={saving} onClick={() => void save(null)}>
            Ngừng theo dõi
          </Button>
        )}
      </Space.Compact>
      <div style={{ margin: '8px 0 16px' }} data-testid="scan-folder-status">
        {error && <Alert type="error" showIcon title={error} />}
        {!error && status?.problem && <Alert type="warning" showIcon title={status.problem} />}
        {!error && !status?.problem && status?.active && <Tag color="green">Đang theo dõi {status.path}</Tag>}
        {!error && !status?.path && <Tag>Chưa chọn thư mục quét</Tag>}
      </div>
      <Typography.Title level={5}>Tệp đã nhận từ thư mục quét</Typography.Title>
      <List
        size="small"
        bordered
        loading={arrived.isPending}
        dataSource={arrived.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có tệp nào. Hãy quét văn bản vào thư mục trên." /> }}
        renderItem={(a) => (
          <List.Item
            data-testid="arrived-file"
            actions={
              a.staged && usedScans.includes(a.staged.sha256)
                ? [
                    <Tag key="used" color="green">
                      Đã vào sổ
                    </Tag>,
                  ]
                : a.staged && canRegister
                ? [
                    <Button key="reg" size="small" type="primary" onClick={() => a.staged && onRegister(a.staged)}>
                      Vào sổ
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={a.staged?.name ?? a.sourceName}
              description={
                a.error ? (
                  <span style={{ color: '#cf1322' }}>{a.error}</span>
                ) : (
                  `${a.staged?.pageCount != null ? `${a.staged.pageCount} trang · ` : ''}${a.staged ? fileSizeVi(a.staged.size) : ''} · nhận lúc ${dateTimeVi(a.takenAt)}`
                )
              }
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
