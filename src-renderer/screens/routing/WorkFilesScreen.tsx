/**
 * Hồ sơ công việc: create a file (số ký hiệu like `01.TCCB`, title, retention), add documents, close it; from 30 days
 * before a closed file is due for hand-over to the archive the list says so.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { WorkFileItem } from '../../../src-shared/contract';
import { formatNumberNotation } from '../../../src-shared/domain';
import { dateVi, errorMessage } from '../../lib/format';
import { useIncomingList } from '../../lib/queries';
import { useRoutingAction, useWorkFile, useWorkFiles } from '../../lib/routing-queries';

const retentionText = (years: number | null) => (years === null ? 'Vĩnh viễn' : `${years} năm`);

function CreateWorkFile({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; title: string; permanent: boolean; years: number; description: string }>();
  const create = useRoutingAction('workfiles.create', 'Đã tạo hồ sơ');
  const permanent = Form.useWatch('permanent', form);
  return (
    <Modal
      open={open}
      title="Tạo hồ sơ công việc"
      okText="Tạo hồ sơ"
      cancelText="Hủy"
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      onOk={() =>
        void form.validateFields().then((v) =>
          create
            .mutateAsync({ code: v.code, title: v.title, retentionYears: v.permanent ? null : v.years, description: v.description ?? '' })
            .then(() => {
              form.resetFields();
              onClose();
            }, () => undefined),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ permanent: false, years: 10 }}>
        <Form.Item name="code" label="Số, ký hiệu hồ sơ" rules={[{ required: true, message: 'Nhập số, ký hiệu hồ sơ, ví dụ 01.TCCB' }]}>
          <Input aria-label="Số, ký hiệu hồ sơ" placeholder="Ví dụ: 01.TCCB" maxLength={20} autoFocus />
        </Form.Item>
        <Form.Item name="title" label="Tiêu đề hồ sơ" rules={[{ required: true, message: 'Nhập tiêu đề hồ sơ' }]}>
          <Input.TextArea aria-label="Tiêu đề hồ sơ" rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label="Thời hạn bảo quản">
          <Space>
            <Form.Item name="permanent" noStyle>
              <Segmented options={[{ value: false, label: 'Số năm' }, { value: true, label: 'Vĩnh viễn' }]} />
            </Form.Item>
            {!permanent && (
              <Form.Item name="years" noStyle rules={[{ required: true }]}>
                <InputNumber aria-label="Số năm bảo quản" min={1} max={100} suffix="năm" style={{ width: 110 }} />
              </Form.Item>
            )}
          </Space>
        </Form.Item>
        <Form.Item name="description" label="Ghi chú">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WorkFileDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const wf = useWorkFile(id);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const candidates = useIncomingList({ search, limit: 20, offset: 0 });
  const add = useRoutingAction('workfiles.addDocument', 'Đã đưa văn bản vào hồ sơ');
  const close = useRoutingAction('workfiles.close', 'Đã đóng hồ sơ');
  const f = wf.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={900} title={f ? `Hồ sơ ${f.code} — ${f.title}` : 'Hồ sơ công việc'} destroyOnHidden>
      {wf.isError && <Alert type="error" showIcon title="Không mở được hồ sơ" description={errorMessage(wf.error)} />}
      {f && (
        <>
          {f.handoverWarning && <Alert type="warning" showIcon title={f.handoverWarning} style={{ marginBottom: 12 }} />}
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="Số, ký hiệu">{f.code}</Descriptions.Item>
            <Descriptions.Item label="Năm">{f.year}</Descriptions.Item>
            <Descriptions.Item label="Thời hạn bảo quản">{retentionText(f.retentionYears)}</Descriptions.Item>
            <Descriptions.Item label="Người lập">{f.ownerName}</Descriptions.Item>
            <Descriptions.Item label="Trạng thái">{f.status === 'open' ? 'Đang mở' : `Đã đóng ${dateVi(f.closedAt)}`}</Descriptions.Item>
            <Descriptions.Item label="Hạn nộp lưu">{dateVi(f.handoverDueDate)}</Descriptions.Item>
          </Descriptions>
          {f.status === 'open' && (
            <Space wrap style={{ margin: '12px 0' }}>
              <Select<string>
                showSearch={{ filterOption: false, onSearch: setSearch }}
                style={{ width: 480 }}
                aria-label="Chọn văn bản đưa vào hồ sơ"
                placeholder="Tìm văn bản đến theo trích yếu, số ký hiệu…"
                value={picked ?? undefined}
                onChange={setPicked}
                options={(candidates.data?.items ?? [])
                  .filter((d) => !f.documents.some((x) => x.id === d.id))
                  .map((d) => ({ value: d.id, label: `${d.arrivalNumber ?? '—'} · ${formatNumberNotation(d.number, d.notation) || d.issuer} · ${d.subject}` }))}
              />
              <Button disabled={!picked} loading={add.isPending} onClick={() => picked && void add.mutateAsync({ workFileId: f.id, documentId: picked }).then(() => setPicked(null), () => undefined)}>
                Đưa vào hồ sơ
              </Button>
              <Popconfirm
                title="Đóng hồ sơ?"
                description="Hồ sơ đã đóng không thêm văn bản được nữa và phải nộp lưu trong vòng 1 năm."
                okText="Đóng hồ sơ"
                cancelText="Không"
                onConfirm={() => close.mutateAsync({ workFileId: f.id })}
              >
                <Button danger>Đóng hồ sơ</Button>
              </Popconfirm>
            </Space>
          )}
          <Table
            size="small"
            bordered
            rowKey="id"
            dataSource={f.documents}
            pagination={false}
            locale={{ emptyText: 'Hồ sơ chưa có văn bản nào.' }}
            columns={[
              { title: 'Số đến', key: 'n', width: 72, render: (_, d) => d.arrivalNumber ?? '—' },
              { title: 'Số, ký hiệu', key: 's', width: 130, render: (_, d) => formatNumberNotation(d.number, d.notation) || '—' },
              { title: 'Ngày', key: 'd', width: 96, render: (_, d) => dateVi(d.documentDate) },
              { title: 'Cơ quan ban hành', dataIndex: 'issuer', width: 170 },
              { title: 'Trích yếu', dataIndex: 'subject' },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

export function WorkFilesScreen() {
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('all');
  const list = useWorkFiles({ status });
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const warnings = (list.data ?? []).filter((f) => f.handoverWarning);
  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Hồ sơ công việc</h2>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'all', label: 'Tất cả' },
            { value: 'open', label: 'Đang mở' },
            { value: 'closed', label: 'Đã đóng' },
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          Tạo hồ sơ
        </Button>
      </div>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${warnings.length} hồ sơ sắp đến hạn nộp lưu`}
          description={warnings.map((w) => `${w.code} — ${w.title}: ${w.handoverWarning}`).join(' · ')}
        />
      )}
      {list.isError && <Alert type="error" showIcon title="Không tải được hồ sơ" description={errorMessage(list.error)} />}
      <Table<WorkFileItem>
        size="small"
        bordered
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        rowClassName="clickable-row"
        onRow={(r) => ({ onClick: () => setOpenId(r.id), onKeyDown: (e) => e.key === 'Enter' && setOpenId(r.id), tabIndex: 0 })}
        locale={{ emptyText: <Typography.Text type="secondary">Chưa có hồ sơ nào. Bấm &quot;Tạo hồ sơ&quot; để lập hồ sơ công việc.</Typography.Text> }}
        columns={[
          { title: 'Số, ký hiệu', dataIndex: 'code', width: 110 },
          { title: 'Tiêu đề hồ sơ', dataIndex: 'title' },
          { title: 'Năm', dataIndex: 'year', width: 70 },
          { title: 'Bảo quản', key: 'r', width: 100, render: (_, r) => retentionText(r.retentionYears) },
          { title: 'Số văn bản', dataIndex: 'documentCount', width: 96, align: 'right' },
          { title: 'Người lập', dataIndex: 'ownerName', width: 160 },
          {
            title: 'Trạng thái',
            key: 's',
            width: 190,
            render: (_, r) =>
              r.status === 'open' ? (
                <Tag color="blue">Đang mở</Tag>
              ) : (
                <>
                  <Tag>Đã đóng {dateVi(r.closedAt)}</Tag>
                  {r.handoverWarning && <Tag color="orange">Nộp lưu trước {dateVi(r.handoverDueDate)}</Tag>}
                </>
              ),
          },
        ]}
      />
      <CreateWorkFile open={creating} onClose={() => setCreating(false)} />
      <WorkFileDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
