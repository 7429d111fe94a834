/**
 * Ngày nghỉ, ngày làm bù (admin): the year's days off that deadlines in working days skip — built-in public holidays
 * and Tết, plus what the admin adds (nghỉ bù, an extra day off) or turns into a working day (làm bù on a Saturday).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Input, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayInVietnam, type HolidayKind } from '../../../src-shared/domain';
import { weekdayDateVi } from '../../components/routing/DeadlineInput';
import { errorMessage } from '../../lib/format';
import { useHolidays, useRoutingAction } from '../../lib/routing-queries';

export function HolidaysScreen({ isAdmin }: { isAdmin: boolean }) {
  const [year, setYear] = useState(Number(todayInVietnam().slice(0, 4)));
  const list = useHolidays(year);
  const set = useRoutingAction('holidays.set', 'Đã lưu lịch nghỉ; hạn xử lý tính lại theo lịch mới');
  const [date, setDate] = useState<Dayjs | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<HolidayKind>('holiday');
  const workdays = (list.data?.configured ?? []).filter((h) => h.kind === 'workday' && h.active);
  const rows = [
    ...(list.data?.days ?? []).map((d) => ({ ...d, kind: 'holiday' as const })),
    ...workdays.map((w) => ({ date: w.date, name: w.name, source: 'configured' as const, kind: 'workday' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Ngày nghỉ lễ, ngày làm bù</h2>
        <InputNumber aria-label="Năm" min={2000} max={2100} value={year} onChange={(v) => typeof v === 'number' && setYear(v)} style={{ width: 100 }} />
      </div>
      <Typography.Paragraph type="secondary">
        Hạn xử lý tính theo ngày làm việc bỏ qua thứ Bảy, Chủ nhật và các ngày nghỉ dưới đây. Ngày lễ, Tết theo quy định đã có sẵn; quản trị bổ sung ngày nghỉ bù
        hoặc ngày làm bù theo thông báo hằng năm.
      </Typography.Paragraph>
      {isAdmin && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="holiday-form">
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as HolidayKind)}
            options={[
              { value: 'holiday', label: 'Ngày nghỉ' },
              { value: 'workday', label: 'Ngày làm bù' },
            ]}
          />
          <DatePicker aria-label="Ngày" format={['DD/MM/YYYY', 'D/M/YYYY']} value={date} onChange={setDate} />
          <Input aria-label="Tên ngày nghỉ" placeholder={kind === 'holiday' ? 'Ví dụ: Nghỉ bù Quốc khánh' : 'Ví dụ: Làm bù cho ngày 02/01'} style={{ width: 280 }} value={name} onChange={(e) => setName(e.target.value)} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!date || !name.trim()}
            loading={set.isPending}
            onClick={() =>
              date &&
              void set.mutateAsync({ date: date.format('YYYY-MM-DD'), name, kind, active: true }).then(() => {
                setDate(null);
                setName('');
              }, () => undefined)
            }
          >
            Thêm
          </Button>
        </Space>
      )}
      {list.isError && <Alert type="error" showIcon title="Không tải được lịch nghỉ" description={errorMessage(list.error)} />}
      <Table
        size="small"
        bordered
        rowKey={(r) => `${r.kind}-${r.date}`}
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: 'Ngày', key: 'd', width: 200, render: (_, r) => weekdayDateVi(r.date) },
          { title: 'Tên', dataIndex: 'name' },
          { title: 'Loại', key: 'k', width: 130, render: (_, r) => (r.kind === 'workday' ? <Tag color="green">Làm bù</Tag> : <Tag color="red">Nghỉ</Tag>) },
          { title: 'Nguồn', key: 's', width: 150, render: (_, r) => (r.source === 'builtIn' ? 'Theo quy định' : 'Quản trị bổ sung') },
          ...(isAdmin
            ? [
                {
                  title: '',
                  key: 'del',
                  width: 60,
                  render: (_: unknown, r: (typeof rows)[number]) =>
                    r.source === 'configured' ? (
                      <Button
                        size="small"
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={`Bỏ ${r.name}`}
                        onClick={() => void set.mutateAsync({ date: r.date, name: r.name, kind: r.kind, active: false }).catch(() => undefined)}
                      />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
