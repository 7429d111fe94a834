/**
 * Header sync indicator driven by `sync.status` events: online/offline, pending changes, last sync, last error,
 * and a progress bar during transfers. Clicking opens details and a "sync now" action.
 */
import { CheckCircleFilled, CloudSyncOutlined, DisconnectOutlined, ExclamationCircleFilled, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Popover, Progress } from 'antd';
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../src-shared/contract';
import { useApi } from '../lib/api-context';
import { dateTimeVi, errorMessage } from '../lib/format';
import { useSyncStatus } from '../lib/queries';

function headline(s: SyncStatus): { icon: ReactNode; text: string } {
  if (s.state === 'syncing') return { icon: <SyncOutlined spin />, text: 'Đang đồng bộ' };
  if (!s.online || s.state === 'offline') return { icon: <DisconnectOutlined style={{ color: '#ffccc7' }} />, text: 'Ngoại tuyến' };
  if (s.state === 'error') return { icon: <ExclamationCircleFilled style={{ color: '#ffd666' }} />, text: 'Lỗi đồng bộ' };
  return { icon: <CheckCircleFilled style={{ color: '#95de64' }} />, text: 'Trực tuyến' };
}

function pendingText(s: SyncStatus): string {
  const parts: string[] = [];
  if (s.pendingMutations > 0) parts.push(`${s.pendingMutations} thay đổi chờ đồng bộ`);
  if (s.rejectedMutations > 0) parts.push(`${s.rejectedMutations} thay đổi bị từ chối`);
  if (parts.length === 0) return s.lastSuccessAt ? `Đã đồng bộ lúc ${dateTimeVi(s.lastSuccessAt)}` : 'Chưa đồng bộ lần nào';
  return parts.join(' · ');
}

export function SyncIndicator() {
  const api = useApi();
  const queryClient = useQueryClient();
  const status = useSyncStatus();
  const syncNow = useMutation({
    mutationFn: () => api.call('sync.now', {}),
    onSuccess: (s) => queryClient.setQueryData(['sync.status'], s),
  });
  const s = status.data;
  if (!s) return null;
  const { icon, text } = headline(s);
  const details = (
    <div style={{ width: 420 }}>
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}>
        <Descriptions.Item label="Kết nối máy chủ">{s.online ? 'Đang kết nối' : 'Mất kết nối — dữ liệu vẫn lưu trên máy'}</Descriptions.Item>
        <Descriptions.Item label="Chờ đồng bộ">{s.pendingMutations} thay đổi</Descriptions.Item>
        {s.rejectedMutations > 0 && <Descriptions.Item label="Bị từ chối">{s.rejectedMutations} thay đổi (xem lý do ở từng văn bản)</Descriptions.Item>}
        <Descriptions.Item label="Lần đồng bộ cuối">{dateTimeVi(s.lastSuccessAt)}</Descriptions.Item>
        {s.pendingBytes > 0 && (
          <Descriptions.Item label="Tệp chờ truyền">{(s.pendingBytes / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB</Descriptions.Item>
        )}
        {s.lastError && <Descriptions.Item label="Lỗi gần nhất">{s.lastError}</Descriptions.Item>}
        {s.notice && <Descriptions.Item label="Thông báo">{s.notice}</Descriptions.Item>}
      </Descriptions>
      {s.progress !== null && <Progress percent={Math.round(s.progress * 100)} size="small" style={{ marginTop: 8 }} />}
      {syncNow.isError && <div style={{ color: '#cf1322', marginTop: 8 }}>{errorMessage(syncNow.error)}</div>}
      <Button icon={<CloudSyncOutlined />} block style={{ marginTop: 8 }} loading={syncNow.isPending} onClick={() => syncNow.mutate()}>
        Đồng bộ ngay
      </Button>
      {!s.online && (
        <div style={{ fontSize: 12, color: '#5b6b82', marginTop: 8 }}>
          Bạn vẫn vào sổ và xem văn bản bình thường; hệ thống tự đồng bộ khi có mạng trở lại.
        </div>
      )}
    </div>
  );
  return (
    <Popover content={details} title="Tình trạng đồng bộ" trigger="click" placement="bottomRight">
      <button
        type="button"
        className={`sync-indicator ${!s.online ? 'is-offline' : s.state === 'error' || s.rejectedMutations > 0 ? 'is-error' : ''}`} data-testid="sync-indicator" data-online={s.online} data-pending={s.pendingMutations}>
        {icon}
        <span className="text">
          <span>{text}</span>
          <span className="detail">{pendingText(s)}</span>
          {s.progress !== null && (
            <Progress percent={Math.round(s.progress * 100)} size="small" showInfo={false} strokeColor="#95de64" style={{ width: 140, margin: 0 }} />
          )}
        </span>
      </button>
    </Popover>
  );
}
