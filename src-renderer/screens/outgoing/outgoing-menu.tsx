/**
 * The outgoing screens' entries in the main menu, by role, and the screen for a menu key. Kept here so MainLayout
 * only spreads the items and renders the screen (several issues add entries to it).
 */
import { EditOutlined, InboxOutlined, SendOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Session } from '../../../src-shared/contract';
import type { Role } from '../../../src-shared/domain';
import { DraftsScreen } from './DraftsScreen';
import { InternalInboxScreen } from './InternalInboxScreen';
import { OutgoingScreen } from './OutgoingScreen';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

const KEYS = ['internalInbox', 'drafts', 'outgoing'] as const;
export type OutgoingScreenKey = (typeof KEYS)[number];

export function isOutgoingScreen(key: string): key is OutgoingScreenKey {
  return (KEYS as readonly string[]).includes(key);
}

export function outgoingMenuItems(role: Role): { key: OutgoingScreenKey; icon: ReactNode; label: string }[] {
  return [
    { key: 'internalInbox', icon: <InboxOutlined />, label: 'Văn bản nội bộ' },
    ...(role !== 'admin' ? [{ key: 'drafts' as const, icon: <EditOutlined />, label: 'Dự thảo' }] : []),
    { key: 'outgoing', icon: <SendOutlined />, label: role === 'clerk' ? 'Phát hành, sổ đi' : 'Văn bản đi' },
  ];
}

export function OutgoingScreens({ screen, session }: { screen: OutgoingScreenKey; session: SignedIn }) {
  switch (screen) {
    case 'internalInbox':
      return <InternalInboxScreen />;
    case 'drafts':
      return <DraftsScreen session={session} />;
    case 'outgoing':
      return <OutgoingScreen session={session} />;
  }
}
