/** Renderer entry: Vietnamese locale for Ant Design and dayjs, one query client, one contract client. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../src-shared/contract';
import { App } from './App';
import { ApiProvider } from './lib/api-context';
import { createTransport } from './lib/transport';
import { appTheme } from './theme';
import 'antd/dist/reset.css';
import './styles.css';

dayjs.locale('vi');

const transport = createTransport();
const api = { transport, client: createClient(transport) };
const queryClient = new QueryClient({
  defaultOptions: {
    // Data lives in the local replica: errors are real (not flaky networks), so do not retry blindly.
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root missing from index.html');
createRoot(rootEl).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={appTheme}>
      <AntApp message={{ top: 64, maxCount: 3 }}>
        <QueryClientProvider client={queryClient}>
          <ApiProvider api={api}>
            <App />
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
