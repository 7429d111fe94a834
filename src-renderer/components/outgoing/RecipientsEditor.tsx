/**
 * Nơi nhận of an issued document, by how it travels: units and people of this agency (their incoming lists), other
 * agencies over edXML (by their mã định danh), e-mail for recipients without an exchange address, and paper (the postal
 * register). One row per recipient; the clerk adds them with the keyboard (Enter in the last field adds the row).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Tag, Tooltip } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import type { Unit, User } from '../../../src-shared/domain';
import { RECIPIENT_CHANNEL_LABELS, RECIPIENT_CHANNELS, type RecipientChannel } from '../../../src-shared/domain/outgoing';
import './outgoing.css';

/** A recipient as the clerk enters it; `envelopes` is for paper dispatch (the postal register entry). */
export type RecipientValue = {
  channel: RecipientChannel;
  unitId: string | null;
  userId: string | null;
  organId: string | null;
  name: string;
  email: string | null;
  address: string | null;
  envelopes: number;
};

type Kind = RecipientChannel;

const KIND_COLORS: Record<Kind, string> = { unit: 'blue', user: 'blue', organ: 'purple', email: 'cyan', paper: 'orange' };

const blank = { unitId: null, userId: null, organId: null, email: null, address: null, envelopes: 1 };

export function recipientText(r: RecipientValue): string {
  switch (r.channel) {
    case 'unit':
    case 'user':
      return r.name;
    case 'organ':
      return `${r.name} (${r.organId})`;
    case 'email':
      return r.name ? `${r.name} <${r.email}>` : (r.email ?? '');
    case 'paper':
      return `${r.name}${r.address ? ` — ${r.address}` : ''} · ${r.envelopes} bì`;
  }
}

const ORGAN_ID = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Props = { value: RecipientValue[]; onChange: (next: RecipientValue[]) => void; units: Unit[]; users: User[] };

export function RecipientsEditor({ value, onChange, units, users }: Props) {
  const [kind, setKind] = useState<Kind>('unit');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [envelopes, setEnvelopes] = useState<number>(1);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setA('');
    setB('');
    setEnvelopes(1);
    setError(null);
  };

  const add = (next: RecipientValue) => {
    onChange([...value, next]);
    reset();
  };

  const addTyped = () => {
    if (kind === 'organ') {
      const id = a.trim().toUpperCase();
      if (!ORGAN_ID.test(id)) return setError('Mã định danh có dạng 000.00.00.H53 (theo danh mục mã định danh của cơ quan nhận).');
      if (!b.trim()) return setError('Nhập tên cơ quan nhận.');
      add({ ...blank, channel: 'organ', organId: id, name: b.trim() });
    } else if (kind === 'email') {
      if (!EMAIL.test(a.trim())) return setError('Địa chỉ thư điện tử chưa đúng (ví dụ: vanthu@songlam.gov.vn).');
      add({ ...blank, channel: 'email', email: a.trim(), name: b.trim() });
    } else if (kind === 'paper') {
      if (!a.trim()) return setError('Nhập tên nơi nhận bản giấy.');
      add({ ...blank, channel: 'paper', name: a.trim(), address: b.trim() || null, envelopes });
    }
  };

  const unitOptions = units.filter((u) => !value.some((r) => r.channel === 'unit' && r.unitId === u.id)).map((u) => ({ value: u.id, label: u.name }));
  const userOptions = users
    .filter((u) => u.active && !value.some((r) => r.channel === 'user' && r.userId === u.id))
    .map((u) => ({ value: u.id, label: `${u.fullName}${u.position ? ` — ${u.position}` : ''}` }));
  const onEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      addTyped();
    }
  };

  return (
    <div data-testid="recipients-editor">
      <Space.Compact style={{ width: '100%' }}>
        <Select<Kind>
          aria-label="Hình thức gửi"
          style={{ width: 250 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            reset();
          }}
          options={RECIPIENT_CHANNELS.map((k) => ({ value: k, label: RECIPIENT_CHANNEL_LABELS[k] }))}
        />
        {kind === 'unit' && (
          <Select
            aria-label="Đơn vị nhận"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn đơn vị (gõ để tìm)"
            style={{ flex: 1 }}
            value={null}
            options={unitOptions}
            onChange={(id: string) => add({ ...blank, channel: 'unit', unitId: id, name: units.find((u) => u.id === id)?.name ?? id })}
          />
        )}
        {kind === 'user' && (
          <Select
            aria-label="Người nhận"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn người nhận (gõ để tìm)"
            style={{ flex: 1 }}
            value={null}
            options={userOptions}
            onChange={(id: string) => add({ ...blank, channel: 'user', userId: id, name: users.find((u) => u.id === id)?.fullName ?? id })}
          />
        )}
        {kind === 'organ' && (
          <>
            <Input aria-label="Mã định danh cơ quan nhận" placeholder="Mã định danh, ví dụ 000.00.12.H53" style={{ width: 230 }} value={a} onChange={(e) => setA(e.target.value)} onKeyDown={onEnter} />
            <Input aria-label="Tên cơ quan nhận" placeholder="Tên cơ quan nhận" style={{ flex: 1 }} value={b} onChange={(e) => setB(e.target.value)} onKeyDown={onEnter} />
          </>
        )}
        {kind === 'email' && (
          <>
            <Input aria-label="Địa chỉ thư điện tử" placeholder="vanthu@coquan.gov.vn" style={{ width: 260 }} value={a} onChange={(e) => setA(e.target.value)} onKeyDown={onEnter} />
            <Input aria-label="Tên người/cơ quan nhận thư" placeholder="Tên nơi nhận (không bắt buộc)" style={{ flex: 1 }} value={b} onChange={(e) => setB(e.target.value)} onKeyDown={onEnter} />
          </>
        )}
        {kind === 'paper' && (
          <>
            <Input aria-label="Nơi nhận bản giấy" placeholder="Tên nơi nhận" style={{ width: 230 }} value={a} onChange={(e) => setA(e.target.value)} onKeyDown={onEnter} />
            <Input aria-label="Địa chỉ" placeholder="Địa chỉ" style={{ flex: 1 }} value={b} onChange={(e) => setB(e.target.value)} onKeyDown={onEnter} />
            <InputNumber aria-label="Số lượng bì" min={1} max={99} value={envelopes} onChange={(v) => setEnvelopes(v ?? 1)} style={{ width: 80 }} suffix="bì" />
          </>
        )}
        {(kind === 'organ' || kind === 'email' || kind === 'paper') && (
          <Button icon={<PlusOutlined />} onClick={addTyped}>
            Thêm
          </Button>
        )}
      </Space.Compact>
      {error && <div style={{ color: '#cf1322', marginTop: 4 }}>{error}</div>}
      <div className="recipient-list">
        {value.length === 0 && <div className="muted">Chưa có nơi nhận nào.</div>}
        {value.map((r, i) => (
          <div key={`${r.channel}-${i}`} className="recipient-row" data-testid="recipient-row">
            <Tag color={KIND_COLORS[r.channel]}>{RECIPIENT_CHANNEL_LABELS[r.channel]}</Tag>
            <span className="name">{recipientText(r)}</span>
            <Tooltip title="Bỏ nơi nhận này">
              <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`Bỏ nơi nhận ${recipientText(r)}`} onClick={() => onChange(value.filter((_, j) => j !== i))} />
            </Tooltip>
          </div>
        ))}
      </div>
    </div>
  );
}
