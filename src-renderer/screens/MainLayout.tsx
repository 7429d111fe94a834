/** Main layout: header (organization, user and role, sync indicator, sign out), left menu, and the current screen. */
import { FileTextOutlined, LogoutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Layout, Menu } from 'antd';
import { useState } from 'react';
import type { Session } from '../../src-shared/contract';
import { ROLE_LABELS } from '../../src-shared/domain';
import { SyncIndicator } from '../components/SyncIndicator';
import { useApi } from '../lib/api-context';
import { errorMessage } from '../lib/format';
import { IncomingListScreen } from './IncomingListScreen';
import { SigningBatchScreen } from './SigningBatchScreen';
import { RemindersBell } from '../components/routing/RemindersBell';
import { RoutingScreen, isRoutingScreen, routingMenuItems, type RoutingScreenKey } from './routing/routing-menu';
import { isOutgoingScreen, outgoingMenuItems, OutgoingScreens, type OutgoingScreenKey } from './outgoing/outgoing-menu';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

export function MainLayout({ session }: { session: SignedIn }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [screen, setScreen] = useState<'incoming' | 'signing' | RoutingScreenKey | OutgoingScreenKey>('incoming');
  const logout = useMutation({
    mutationFn: () => api.call('auth.logout', {}),
    onSuccess: (next) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      queryClient.setQueryData(['session'], next);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const confirmLogout = () =>
    modal.confirm({
      title: 'Đăng xuất khỏi VanBan Desk?',
      content: 'Các thay đổi chưa đồng bộ vẫn được giữ trên máy và sẽ gửi đi ở lần đăng nhập sau.',
      okText: 'Đăng xuất',
      cancelText: 'Ở lại',
      onOk: () => logout.mutateAsync(),
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <img src="./logo.svg" alt="" width={32} height={32} />
        <div className="org">
          <span className="product">VanBan Desk</span>
          <span className="name" data-testid="org-name">
            {session.organization.name}
          </span>
        </div>
        <div className="spacer" />
        <RemindersBell onNavigate={(key) => isRoutingScreen(key) && setScreen(key)} />
        <SyncIndicator />
        <div className="user" data-testid="current-user">
          <strong>{session.user.fullName}</strong>
          <span className="role">
            {ROLE_LABELS[session.user.role]}
            {session.user.position && session.user.position !== ROLE_LABELS[session.user.role] ? ` · ${session.user.position}` : ''}
          </span>
        </div>
        <Button ghost icon={<LogoutOutlined />} onClick={confirmLogout} loading={logout.isPending}>
          Đăng xuất
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={232} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu
            mode="inline"
            selectedKeys={[screen]}
            onClick={(e) => setScreen(e.key as typeof screen)}
            style={{ height: '100%', paddingTop: 8 }}
            items={[
              { key: 'incoming', icon: <FileTextOutlined />, label: 'Văn bản đến' },
              { key: 'signing', icon: <SafetyCertificateOutlined />, label: 'Trình ký' },
              ...routingMenuItems(session.user.role),
              ...outgoingMenuItems(session.user.role),
            ]}
          />
        </Layout.Sider>
        <Layout.Content>
          {session.offline && (
            <Alert
              type="warning"
              banner
              title="Đang làm việc ngoại tuyến bằng thông tin đăng nhập đã lưu trên máy này. Các thay đổi sẽ tự đồng bộ khi kết nối lại máy chủ."
            />
          )}
          {isRoutingScreen(screen) ? (
            <RoutingScreen screen={screen} session={session} />
          ) : isOutgoingScreen(screen) ? (
            <OutgoingScreens screen={screen} session={session} />
          ) : screen === 'signing' ? (
            <SigningBatchScreen />
          ) : (
            <IncomingListScreen session={session} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
