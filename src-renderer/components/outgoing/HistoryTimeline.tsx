/** Lịch sử xử lý of a draft or an outgoing document: who did what, when, with which comment; newest at the bottom. */
import { Empty, Timeline } from 'antd';
import { dateTimeVi } from '../../lib/format';
import './outgoing.css';

export type HistoryEntry = {
  at: string;
  actorName: string;
  /** Vietnamese label of the action ("Trình duyệt nội dung", "Trả lại"…). */
  actionLabel: string;
  tone: 'normal' | 'good' | 'bad';
  comment: string | null;
};

const COLORS = { normal: 'blue', good: 'green', bad: 'red' } as const;

export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có bước xử lý nào." />;
  return (
    <div data-testid="draft-history">
    <Timeline
      items={entries.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLORS[e.tone],
        content: (
          <div className="history-entry" data-testid="history-entry">
            <div>
              <strong>{e.actionLabel}</strong> — {e.actorName} <span className="muted">{dateTimeVi(e.at)}</span>
            </div>
            {e.comment && <div className="history-comment">“{e.comment}”</div>}
          </div>
        ),
      }))}
    />
    </div>
  );
}
