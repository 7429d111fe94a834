/** Đăng nhập: username, password and (collapsed) the agency server address, with errors that say what to do. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { Session } from '../../src-shared/contract';
import { useApi } from '../lib/api-context';
import { errorCode, errorMessage } from '../lib/format';

type SignedOut = Extract<Session, { state: 'signedOut' }>;
type LoginValues = { username: string; password: string; serverUrl: string };

function loginErrorText(err: unknown, serverUrl: string): { title: string; detail: string } {
  switch (errorCode(err)) {
    case 'BAD_CREDENTIALS':
      return { title: 'Sai tên đăng nhập hoặc mật khẩu', detail: 'Kiểm tra lại chữ hoa/thường và bộ gõ tiếng Việt (tắt Unikey khi nhập mật khẩu), rồi nhập lại.' };
    case 'NO_OFFLINE_LOGIN':
      return {
        title: 'Không kết nối được máy chủ — chưa thể đăng nhập ngoại tuyến',
        detail: `Không liên lạc được với máy chủ ${serverUrl}, và tài khoản này chưa từng đăng nhập trên máy này nên chưa có thông tin để làm việc khi mất mạng. Kiểm tra kết nối mạng hoặc địa chỉ trong mục "Máy chủ", rồi đăng nhập lại.`,
      };
    case 'SERVER_UNREACHABLE':
      return {
        title: 'Không kết nối được máy chủ',
        detail: `Không liên lạc được với máy chủ ${serverUrl}. Kiểm tra kết nối mạng hoặc địa chỉ trong mục "Máy chủ", hoặc liên hệ quản trị.`,
      };
    case 'PROTOCOL_MISMATCH':
      return { title: 'Phiên bản không khớp với máy chủ', detail: errorMessage(err) };
    case 'INVALID_INPUT':
      return { title: 'Thông tin chưa hợp lệ', detail: errorMessage(err) };
    default:
      return { title: 'Không đăng nhập được', detail: errorMessage(err) };
  }
}

/** Antd's `type: 'url'` refuses bare IP addresses with a port, which agencies use on their LANs. */
async function checkServerUrl(value: string | undefined): Promise<void> {
  const text = (value ?? '').trim();
  if (!text) throw new Error('Nhập địa chỉ máy chủ do quản trị cung cấp.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('Địa chỉ chưa đúng dạng, ví dụ https://vanban.sxd.gov.vn hoặc http://10.0.0.5:8787');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('Địa chỉ phải bắt đầu bằng http:// hoặc https://');
}

export function LoginScreen({ session }: { session: SignedOut }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LoginValues>();
  const [serverOpen, setServerOpen] = useState(false);
  const login = useMutation({
    mutationFn: async (v: LoginValues) => {
      const url = v.serverUrl.trim();
      if (url && url !== session.serverUrl) await api.call('auth.setServerUrl', { serverUrl: url });
      return api.call('auth.login', { username: v.username.trim(), password: v.password });
    },
    onSuccess: (next) => queryClient.setQueryData(['session'], next),
  });
  const serverProblem = ['SERVER_UNREACHABLE', 'NO_OFFLINE_LOGIN'].includes(errorCode(login.error) ?? '');
  const failure = login.isError ? loginErrorText(login.error, form.getFieldValue('serverUrl') || session.serverUrl) : null;

  return (
    <div className="login-screen">
      <Card className="login-card">
        <div className="login-brand">
          <img src="./logo.svg" alt="" width={56} height={56} />
          <h1>VanBan Desk</h1>
          <p>Quản lý văn bản và điều hành</p>
        </div>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ username: session.lastUsername ?? '', password: '', serverUrl: session.serverUrl }}
          onFinish={(v) => login.mutate(v)}
          onValuesChange={() => login.isError && login.reset()}
        >
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, whitespace: true, message: 'Nhập tên đăng nhập' }]}>
            <Input prefix={<UserOutlined />} autoFocus={!session.lastUsername} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
            <Input.Password prefix={<LockOutlined />} autoFocus={Boolean(session.lastUsername)} autoComplete="current-password" size="large" />
          </Form.Item>
          {failure && (
            <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} role="alert" />
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            Đăng nhập
          </Button>
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 12 }}
            activeKey={serverOpen || serverProblem ? ['server'] : []}
            onChange={(keys) => setServerOpen(keys.includes('server'))}
            items={[
              {
                key: 'server',
                label: 'Máy chủ',
                forceRender: true,
                children: (
                  <Form.Item
                    label="Địa chỉ máy chủ của cơ quan"
                    name="serverUrl"
                    extra="Do quản trị cung cấp, ví dụ https://vanban.sxd.gov.vn"
                    rules={[{ validator: async (_r, v?: string) => checkServerUrl(v) }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input autoComplete="off" />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: '12px 0 0' }}>
          Đã đăng nhập một lần trên máy này thì vẫn làm việc được khi mất mạng.
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
