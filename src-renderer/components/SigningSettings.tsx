/**
 * "Cài đặt ký số": which USB token driver (PKCS#11 module) this desktop loads — the known Vietnamese drivers
 * found on this machine plus a file the user picks — and the time-stamping server (TSA), with the signed files
 * still waiting for a timestamp because it did not answer. Opened from the signing dialog.
 */
import { ClockCircleOutlined, ReloadOutlined, UsbOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useApi } from '../lib/api-context';
import { dateTimeVi, errorMessage } from '../lib/format';
import './signing.css';

const SOURCE_TEXT = { user: 'Do người dùng chọn', env: 'Cấu hình cài đặt', builtin: 'Trình điều khiển phổ biến' } as const;

export function SigningSettings(props: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const modules = useQuery({ queryKey: ['signing.listModules'], queryFn: () => api.call('signing.listModules', {}), enabled: props.open });
  const timestamps = useQuery({ queryKey: ['signing.timestamps'], queryFn: () => api.call('signing.timestamps', {}), enabled: props.open });
  const [modulePath, setModulePath] = useState('');
  const [tsaUrl, setTsaUrl] = useState('');

  useEffect(() => {
    if (props.open) setModulePath(modules.data?.userPath ?? '');
  }, [props.open, modules.data?.userPath]);
  useEffect(() => {
    if (props.open) setTsaUrl(timestamps.data?.tsaUrl ?? '');
  }, [props.open, timestamps.data?.tsaUrl]);

  const saveModule = useMutation({
    mutationFn: (path: string | null) => api.call('signing.setModulePath', { path }),
    onSuccess: (data) => {
      queryClient.setQueryData(['signing.listModules'], data);
      // Another driver may show other tokens.
      void queryClient.invalidateQueries({ queryKey: ['signing.listTokens'] });
    },
  });
  const saveTsa = useMutation({
    mutationFn: (url: string | null) => api.call('signing.setTsaUrl', { url }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['signing.timestamps'] }),
  });
  const retry = useMutation({
    mutationFn: () => api.call('signing.retryTimestamps', {}),
    onSuccess: (data) => queryClient.setQueryData(['signing.timestamps'], data),
  });

  const pending = timestamps.data?.pending ?? [];
  return (
    <Modal open={props.open} onCancel={props.onClose} footer={null} width={720} title="Cài đặt ký số" destroyOnHidden>
      <h4 className="signing-step">
        <UsbOutlined /> Trình điều khiển USB ký số (PKCS#11)
      </h4>
      <div className="signing-modules" data-testid="signing-modules">
        {(modules.data?.modules ?? [])
          .filter((m) => m.exists || m.source !== 'builtin')
          .map((m) => (
            <div key={m.path} className="signing-module">
              <code>{m.path}</code> <Tag>{SOURCE_TEXT[m.source]}</Tag>
              {m.exists ? <Tag color="green">Có trên máy</Tag> : <Tag color="red">Không thấy tệp</Tag>}
            </div>
          ))}
        {modules.data && !modules.data.modules.some((m) => m.exists) && (
          <Alert type="warning" showIcon title="Chưa thấy trình điều khiển USB ký số nào" description="Hãy cài phần mềm đi kèm USB ký số, hoặc chỉ đường dẫn tới tệp trình điều khiển bên dưới." />
        )}
      </div>
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input
          placeholder="Đường dẫn đầy đủ, ví dụ C:\Windows\System32\vnptca_p11_v8.dll"
          value={modulePath}
          onChange={(e) => setModulePath(e.target.value)}
          data-testid="signing-module-path"
        />
        <Button onClick={() => saveModule.mutate(modulePath.trim() || null)} loading={saveModule.isPending} data-testid="signing-module-save">
          {modulePath.trim() ? 'Dùng tệp này' : 'Bỏ chọn'}
        </Button>
      </Space.Compact>
      {saveModule.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(saveModule.error)} data-testid="signing-module-error" />}

      <h4 className="signing-step">
        <ClockCircleOutlined /> Máy chủ cấp dấu thời gian (TSA)
      </h4>
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="Ví dụ http://ca.gov.vn/tsa — để trống nếu không dùng" value={tsaUrl} onChange={(e) => setTsaUrl(e.target.value)} data-testid="signing-tsa-url" />
        <Button onClick={() => saveTsa.mutate(tsaUrl.trim() || null)} loading={saveTsa.isPending} data-testid="signing-tsa-save">
          Lưu
        </Button>
      </Space.Compact>
      {saveTsa.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(saveTsa.error)} data-testid="signing-tsa-error" />}
      {saveTsa.isSuccess && !saveTsa.isPending && (
        <div className="muted" data-testid="signing-tsa-saved">
          {saveTsa.data.tsaUrl ? 'Đã lưu. Các lần ký sau sẽ kèm dấu thời gian khi máy chủ này trả lời.' : 'Đã bỏ dấu thời gian: văn bản được ký không kèm dấu thời gian.'}
        </div>
      )}
      <div className="signing-timestamps" data-testid="signing-timestamps">
        {pending.length === 0 ? (
          <span className="muted">Không có tệp nào đang chờ dấu thời gian.</span>
        ) : (
          <>
            <Alert
              type="info"
              showIcon
              title={`${pending.length} tệp đã ký đang chờ dấu thời gian`}
              description="Các tệp này đã được ký hợp lệ khi máy chủ dấu thời gian không trả lời. Ứng dụng tự bổ sung dấu thời gian khi máy chủ trả lời lại."
            />
            {pending.map((p) => (
              <div key={p.sha256} className="signing-module">
                {p.name} · ký lúc {dateTimeVi(p.queuedAt)} · đã thử {p.attempts} lần
              </div>
            ))}
            <Button icon={<ReloadOutlined />} onClick={() => retry.mutate()} loading={retry.isPending} style={{ marginTop: 8 }}>
              Thử lấy dấu thời gian ngay
            </Button>
          </>
        )}
      </div>
    </Modal>
  );
}
