/** Top-level switch: login screen while signed out, the main layout once signed in. */
import { Alert, Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from './lib/format';
import { useCoreLink } from './lib/api-context';
import { useSession } from './lib/queries';
import { LoginScreen } from './screens/LoginScreen';
import { MainLayout } from './screens/MainLayout';

export function App() {
  const session = useSession();
  const link = useCoreLink();
  // A host that was restarted has a new access token: this page can then never reconnect, and must say so.
  const [longLost, setLongLost] = useState(false);
  useEffect(() => {
    if (link === 'open') {
      setLongLost(false);
      return;
    }
    const timer = setTimeout(() => setLongLost(true), 15_000);
    return () => clearTimeout(timer);
  }, [link]);
  const linkBanner =
    link === 'closed' ? (
      <Alert
        type="error"
        banner
        title={
          longLost
            ? 'Vẫn chưa kết nối lại được với VanBan Desk trên máy này. Nếu ứng dụng đã được khởi động lại, hãy mở đường dẫn mới được in ra khi khởi động (đường dẫn cũ không còn dùng được).'
            : 'Mất kết nối tới ứng dụng VanBan Desk trên máy này. Đang tự kết nối lại…'
        }
        className="core-link-banner"
      />
    ) : null;

  if (session.isPending) {
    return (
      <div className="center-screen">
        {linkBanner}
        <Spin size="large" description="Đang mở VanBan Desk…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="center-screen">
        <Result
          status="error"
          title="Không mở được VanBan Desk"
          subTitle={errorMessage(session.error)}
          extra={
            <Button type="primary" onClick={() => void session.refetch()}>
              Thử lại
            </Button>
          }
        />
      </div>
    );
  }
  return (
    <>
      {linkBanner}
      {session.data.state === 'signedIn' ? <MainLayout session={session.data} /> : <LoginScreen session={session.data} />}
    </>
  );
}
