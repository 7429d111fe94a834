/**
 * Files the watched scan folder has taken (already staged by the core), to attach to the document being registered.
 * Each one is a button, so a clerk picks a scan with Tab and Enter. Files already attached are left out.
 */
import { ScanOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ArrivedFile, StagedFile } from '../../src-shared/contract';
import { dateTimeVi, fileSizeVi } from '../lib/format';
import { useArrivedFiles } from '../lib/queries';

const SHOWN = 6;

type Props = { attached: string[]; onPick: (staged: StagedFile) => void };

export function ArrivedFilesPicker({ attached, onPick }: Props) {
  const arrived = useArrivedFiles();
  const usable = (arrived.data ?? []).filter(
    (a): a is ArrivedFile & { staged: StagedFile } => a.staged !== null && !attached.includes(a.staged.sha256),
  );
  if (usable.length === 0) return null;
  return (
    <div className="arrived-picker" data-testid="arrived-picker">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <ScanOutlined /> Tệp mới từ thư mục quét (Enter để đính kèm):
      </Typography.Text>
      {usable.slice(0, SHOWN).map((a) => (
        <Button
          key={a.sourceSha256}
          size="small"
          block
          className="arrived-item"
          onClick={() => onPick(a.staged)}
          aria-label={`Đính kèm tệp quét ${a.staged.name}`}
        >
          <span className="name">{a.staged.name}</span>
          <span className="sub">
            {a.staged.pageCount != null ? `${a.staged.pageCount} trang · ` : ''}
            {fileSizeVi(a.staged.size)} · {dateTimeVi(a.takenAt)}
          </span>
        </Button>
      ))}
    </div>
  );
}
