/**
 * Bộ lọc of the incoming list: year, register (sổ thường / sổ mật), type, urgency, status and arrival date range.
 * All local (the replica's FTS index), so it works offline. Kept as one value object the list turns into a query.
 */
import { DatePicker, Select, Button } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import {
  DOC_TYPES,
  INCOMING_STATUSES,
  INCOMING_STATUS_LABELS,
  REGISTER_KIND_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  registerYearOf,
  type DocTypeCode,
  type IncomingStatus,
  type Urgency,
} from '../../src-shared/domain';

export type IncomingFilterValues = {
  year?: number;
  registerKind?: 'incoming' | 'incomingSecret';
  docType?: DocTypeCode;
  urgency?: Urgency;
  status?: IncomingStatus;
  /** Ngày đến, ISO dates, inclusive. */
  arrivalFrom?: string;
  arrivalTo?: string;
};

const docTypeOptions = DOC_TYPES.map((t) => ({ value: t.code, label: t.abbr ? `${t.abbr} — ${t.name}` : t.name }));

export function hasActiveFilters(f: IncomingFilterValues): boolean {
  return Object.values(f).some((v) => v !== undefined);
}

type Props = { value: IncomingFilterValues; onChange: (next: IncomingFilterValues) => void };

export function IncomingFilters({ value, onChange }: Props) {
  const set = (patch: Partial<IncomingFilterValues>) => onChange({ ...value, ...patch });
  const thisYear = registerYearOf();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const range: [Dayjs | null, Dayjs | null] = [
    value.arrivalFrom ? dayjs(value.arrivalFrom) : null,
    value.arrivalTo ? dayjs(value.arrivalTo) : null,
  ];
  return (
    <div className="filter-bar" role="group" aria-label="Bộ lọc văn bản đến">
      <Select<number>
        allowClear
        placeholder="Năm"
        aria-label="Lọc theo năm"
        style={{ width: 92 }}
        value={value.year}
        onChange={(year) => set({ year })}
        options={years.map((y) => ({ value: y, label: String(y) }))}
      />
      <Select<'incoming' | 'incomingSecret'>
        allowClear
        placeholder="Sổ"
        aria-label="Lọc theo sổ"
        style={{ width: 170 }}
        value={value.registerKind}
        onChange={(registerKind) => set({ registerKind })}
        options={(['incoming', 'incomingSecret'] as const).map((k) => ({ value: k, label: REGISTER_KIND_LABELS[k] }))}
      />
      <Select<DocTypeCode>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="Loại văn bản"
        aria-label="Lọc theo loại văn bản"
        style={{ width: 170 }}
        popupMatchSelectWidth={240}
        value={value.docType}
        onChange={(docType) => set({ docType })}
        options={docTypeOptions}
      />
      <Select<Urgency>
        allowClear
        placeholder="Độ khẩn"
        aria-label="Lọc theo độ khẩn"
        style={{ width: 120 }}
        value={value.urgency}
        onChange={(urgency) => set({ urgency })}
        options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
      />
      <Select<IncomingStatus>
        allowClear
        placeholder="Trạng thái"
        aria-label="Lọc theo trạng thái"
        style={{ width: 130 }}
        value={value.status}
        onChange={(status) => set({ status })}
        options={INCOMING_STATUSES.map((s) => ({ value: s, label: INCOMING_STATUS_LABELS[s] }))}
      />
      <DatePicker.RangePicker
        format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
        placeholder={['Đến từ ngày', 'đến ngày']}
        aria-label="Lọc theo ngày đến"
        style={{ width: 250 }}
        allowEmpty={[true, true]}
        value={range}
        onChange={(r) =>
          set({ arrivalFrom: r?.[0] ? r[0].format('YYYY-MM-DD') : undefined, arrivalTo: r?.[1] ? r[1].format('YYYY-MM-DD') : undefined })
        }
      />
      {hasActiveFilters(value) && (
        <Button type="link" size="small" onClick={() => onChange({})}>
          Bỏ lọc
        </Button>
      )}
    </div>
  );
}
