/**
 * Desktop notifications for things the user must notice while the window is in the background:
 * new incoming documents arriving from the server, mutations the server refused, and reminders of deadlines,
 * extension requests and work-file hand-overs (`tasks.reminder`, each key shown once). Derived from the
 * contract's events; the page itself has no Notification permission (see window.ts).
 */
import { Notification, type BrowserWindow } from 'electron';
import { EVENTS } from '../../src-shared/contract';

const INCOMING_NOTICE_GAP_MS = 30_000;

export type Notifier = (name: string, payload: unknown) => void;

export function createNotifier(mainWindow: () => BrowserWindow | null): Notifier {
  let lastRejected: number | null = null;
  let lastIncomingNoticeAt = 0;
  const shownReminders = new Set<string>();
  const REMINDER_TITLES = { dueSoon: 'Sắp đến hạn xử lý', overdue: 'Quá hạn xử lý', extensionPending: 'Đề nghị gia hạn chờ duyệt', handoverSoon: 'Hồ sơ sắp đến hạn nộp lưu' } as const;

  const show = (title: string, body: string) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title, body, silent: false });
    n.on('click', () => {
      const win = mainWindow();
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    n.show();
  };

  return (name, payload) => {
    if (name === 'tasks.reminder') {
      const parsed = EVENTS['tasks.reminder'].safeParse(payload);
      if (!parsed.success) return;
      const fresh = parsed.data.items.filter((i) => !shownReminders.has(i.key));
      for (const i of fresh) shownReminders.add(i.key);
      const [one] = fresh;
      if (fresh.length === 1 && one) show(REMINDER_TITLES[one.kind], `${one.title}: ${one.message}`);
      // Several at once (e.g. the first sync of the day): one summary instead of a flood.
      else if (fresh.length > 1) show('Nhắc việc', `Có ${fresh.length} việc cần chú ý (sắp đến hạn, quá hạn hoặc chờ duyệt). Mở VanBan Desk để xem.`);
      return;
    }
    if (name === 'sync.status') {
      const status = EVENTS['sync.status'].safeParse(payload);
      if (!status.success) return;
      const rejected = status.data.rejectedMutations;
      if (lastRejected !== null && rejected > lastRejected) {
        show(
          'Máy chủ không chấp nhận thao tác',
          `Có ${rejected - lastRejected} thao tác chưa được máy chủ chấp nhận. Mở VanBan Desk để xem lý do và xử lý.`,
        );
      }
      lastRejected = rejected;
      return;
    }
    if (name === 'data.changed') {
      const changed = EVENTS['data.changed'].safeParse(payload);
      const win = mainWindow();
      // Only when the user is elsewhere: in the foreground the list refreshes by itself.
      if (!changed.success || !win || win.isDestroyed() || win.isFocused()) return;
      // One notice per burst: a sync that pulls many pages must not flood the desktop.
      if (changed.data.entities.some((e) => /incoming/i.test(e)) && Date.now() - lastIncomingNoticeAt > INCOMING_NOTICE_GAP_MS) {
        lastIncomingNoticeAt = Date.now();
        show('Có văn bản đến mới', 'Danh sách văn bản đến vừa được cập nhật. Mở VanBan Desk để xem.');
      }
    }
  };
}
