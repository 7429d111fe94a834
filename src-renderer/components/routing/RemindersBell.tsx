/**
 * Nhắc việc in the header: a bell with the number of reminders (due soon, overdue, extensions to decide, work files
 * near hand-over) and their list; each new reminder the core announces (`tasks.reminder`) also pops up once as an
 * in-app notification. The Electron shell shows the same reminders as desktop notifications.
 */
import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, List, Popover, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Reminder } from '../../../src-shared/contract';
import { useApi } from '../../lib/api-context';
import { dateVi } from '../../lib/format';
import { useReminders } from '../../lib/routing-queries';

const KIND: Record<Reminder['kind'], { label: string; color: string }> = {
  overdue: { label: 'Quá hạn', color: 'red' },
  dueSoon: { label: 'Sắp đến hạn', color: 'orange' },
  extensionPending: { label: 'Chờ duyệt gia hạn', color: 'blue' },
  handoverSoon: { label: 'Sắp nộp lưu', color: 'gold' },
};

/** Which screen shows a reminder's subject. */
export function reminderScreen(r: Reminder): string {
  if (r.kind === 'extensionPending') return 'routing.tasks';
  if (r.subjectKind === 'workFile') return 'routing.workfiles';
  return r.subjectKind === 'task' ? 'routing.tasks' : 'routing.mine';
}

export function RemindersBell({ onNavigate }: { onNavigate: (screen: string) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const reminders = useReminders();
  const [open, setOpen] = useState(false);
  // Keys already announced in this window: a reminder pops up once, the bell keeps listing it.
  const announced = useRef(new Set<string>());

  useEffect(
    () =>
      api.on('tasks.reminder', ({ items }) => {
        queryClient.setQueryData(['tasks.reminders'], items);
        for (const r of items) {
          if (announced.current.has(r.key)) continue;
          announced.current.add(r.key);
          notification.warning({
            key: r.key,
            title: `${KIND[r.kind].label}: ${r.title}`,
            description: r.message,
            placement: 'bottomRight',
            duration: 8,
            onClick: () => onNavigate(reminderScreen(r)),
          });
        }
      }),
    [api, queryClient, notification, onNavigate],
  );
  // What was already due when the window opened is in the bell; only later ones pop up.
  useEffect(() => {
    for (const r of reminders.data ?? []) announced.current.add(r.key);
  }, [reminders.data]);

  const items = reminders.data ?? [];
  const urgent = items.filter((r) => r.kind === 'overdue').length;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title="Nhắc việc"
      content={
        items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có việc nào cần nhắc." />
        ) : (
          <List
            size="small"
            style={{ width: 420, maxHeight: 420, overflow: 'auto' }}
            dataSource={items}
            data-testid="reminders"
            renderItem={(r) => (
              <List.Item
                className="clickable-row"
                onClick={() => {
                  setOpen(false);
                  onNavigate(reminderScreen(r));
                }}
              >
                <div>
                  <Tag color={KIND[r.kind].color}>{KIND[r.kind].label}</Tag>
                  <strong>{r.title}</strong>
                  {r.dueDate && <span className="rt-muted"> · hạn {dateVi(r.dueDate)}</span>}
                  <div className="rt-muted" style={{ fontSize: 12 }}>
                    {r.message}
                  </div>
                </div>
              </List.Item>
            )}
          />
        )
      }
    >
      <Button type="text" className="reminders-bell" aria-label={`Nhắc việc: ${items.length}`} data-testid="reminders-bell">
        <Badge count={items.length} size="small" color={urgent > 0 ? '#cf1322' : '#d46b08'} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
