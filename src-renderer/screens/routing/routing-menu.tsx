/**
 * Menu entries and screens of routing, handling and tasks, by role, so MainLayout only spreads them in:
 * văn thư trình văn bản; lãnh đạo cho ý kiến; everyone with work handles it and tracks tasks; leaders see reports;
 * the admin keeps the holiday list.
 */
import { AuditOutlined, BarChartOutlined, CalendarOutlined, CheckSquareOutlined, FolderOpenOutlined, InboxOutlined, SendOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Session } from '../../../src-shared/contract';
import type { Role } from '../../../src-shared/domain';
import { HolidaysScreen } from './HolidaysScreen';
import { LeaderInboxScreen } from './LeaderInboxScreen';
import { MyDocumentsScreen } from './MyDocumentsScreen';
import { ReportsScreen } from './ReportsScreen';
import { SubmitQueueScreen } from './SubmitQueueScreen';
import { TasksScreen } from './TasksScreen';
import { WorkFilesScreen } from './WorkFilesScreen';
import '../../components/routing/routing.css';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

const SCREENS = {
  'routing.submit': { label: 'Văn bản chờ trình', icon: <SendOutlined />, roles: ['clerk'] },
  'routing.inbox': { label: 'Văn bản chờ cho ý kiến', icon: <AuditOutlined />, roles: ['leader'] },
  'routing.mine': { label: 'Văn bản cần xử lý', icon: <InboxOutlined />, roles: ['leader', 'unitHead', 'staff', 'clerk'] },
  'routing.tasks': { label: 'Nhiệm vụ', icon: <CheckSquareOutlined />, roles: ['leader', 'unitHead', 'staff', 'clerk'] },
  'routing.workfiles': { label: 'Hồ sơ công việc', icon: <FolderOpenOutlined />, roles: ['leader', 'unitHead', 'staff', 'clerk'] },
  'routing.reports': { label: 'Báo cáo', icon: <BarChartOutlined />, roles: ['leader', 'unitHead', 'admin'] },
  'routing.holidays': { label: 'Ngày nghỉ lễ', icon: <CalendarOutlined />, roles: ['admin', 'leader', 'clerk', 'unitHead', 'staff'] },
} satisfies Record<string, { label: string; icon: ReactNode; roles: Role[] }>;

export type RoutingScreenKey = keyof typeof SCREENS;

export function isRoutingScreen(key: string): key is RoutingScreenKey {
  return Object.prototype.hasOwnProperty.call(SCREENS, key);
}

export function routingMenuItems(role: Role): { key: RoutingScreenKey; icon: ReactNode; label: string }[] {
  return (Object.keys(SCREENS) as RoutingScreenKey[])
    .filter((k) => (SCREENS[k].roles as readonly Role[]).includes(role))
    .map((k) => ({ key: k, icon: SCREENS[k].icon, label: SCREENS[k].label }));
}

export function RoutingScreen({ screen, session }: { screen: RoutingScreenKey; session: SignedIn }) {
  switch (screen) {
    case 'routing.submit':
      return <SubmitQueueScreen session={session} />;
    case 'routing.inbox':
      return <LeaderInboxScreen session={session} />;
    case 'routing.mine':
      return <MyDocumentsScreen session={session} />;
    case 'routing.tasks':
      return <TasksScreen session={session} />;
    case 'routing.workfiles':
      return <WorkFilesScreen />;
    case 'routing.reports':
      return <ReportsScreen />;
    case 'routing.holidays':
      return <HolidaysScreen isAdmin={session.user.role === 'admin'} />;
  }
}
