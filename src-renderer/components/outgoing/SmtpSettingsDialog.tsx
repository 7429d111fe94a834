/**
 * Máy chủ thư điện tử (SMTP) used to send issued documents to recipients that have only an e-mail address. The
 * password is write-only: the form says whether one is saved, and an empty field keeps it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/format';

type Values = { host: string; port: number; secure: boolean; user: string; password?: string; from: string };

export function SmtpSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const current = useQuery({ queryKey: ['outgoing.getSmtp'], queryFn: () => api.call('outgoing.getSmtp', {}), enabled: open });
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue(current.data ? { ...current.data, password: '' } : { port: 587, secure: false, user: '', host: '', from: '' });
  }, [open, current.data, form]);

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.call('outgoing.setSmtp', { ...v, ...(v.password ? { password: v.password } : { password: undefined }) });
      void queryClient.invalidateQueries({ queryKey: ['outgoing.getSmtp'] });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="Máy chủ thư điện tử (gửi văn bản qua e-mail)" okText="Lưu" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: saving }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" className="dense-form" onFinish={(v) => void save(v)}>
        <Form.Item label="Máy chủ SMTP" name="host" rules={[{ required: true, whitespace: true, message: 'Nhập địa chỉ máy chủ thư, ví dụ mail.songlam.gov.vn' }]}>
          <Input placeholder="mail.coquan.gov.vn" />
        </Form.Item>
        <Form.Item label="Cổng" name="port" rules={[{ required: true, message: 'Nhập cổng (thường là 587 hoặc 465)' }]}>
          <InputNumber min={1} max={65535} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="secure" valuePropName="checked">
          <Checkbox>Kết nối mã hóa ngay từ đầu (SSL/TLS, thường dùng với cổng 465)</Checkbox>
        </Form.Item>
        <Form.Item label="Tên đăng nhập" name="user">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="Mật khẩu" name="password" extra={current.data?.hasPassword ? 'Đã lưu mật khẩu; để trống nếu không đổi.' : undefined}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="Địa chỉ gửi đi" name="from" rules={[{ required: true, whitespace: true, message: 'Nhập địa chỉ thư của văn thư, ví dụ vanthu@songlam.gov.vn' }]}>
          <Input placeholder="vanthu@coquan.gov.vn" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title="Chưa lưu được" description={error} />}
    </Modal>
  );
}
