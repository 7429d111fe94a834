/**
 * Vào sổ văn bản đến: the registration form. Keyboard first (autofocus, Enter submits, fields in reading order),
 * warns on duplicates with the earlier entry and lets the clerk confirm, and says which arrival number was given.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, type GetRef } from 'antd';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { IncomingListItem, StagedFile } from '../../src-shared/contract';
import {
  DOC_TYPES,
  SECRECIES,
  SECRECY_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  foldVietnamese,
  formatNumberNotation,
  isSecret,
  parseNumberNotation,
  registerYearOf,
  todayInVietnam,
} from '../../src-shared/domain';
import { useApi } from '../lib/api-context';
import { dateVi, errorCode, errorMessage } from '../lib/format';
import { useIssuerSuggestions } from '../lib/queries';
import { toRegisterInput, type RegisterFormValues } from '../lib/register-form';
import { FileDropZone, entryFromStaged, totalPages, type FileEntry } from './FileDropZone';
import { hasBrokenSignature } from './ReceivedSignatures';

const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY'];
const docTypeOptions = DOC_TYPES.map((t) => ({ value: t.code, label: t.abbr ? `${t.abbr} — ${t.name}` : t.name }));
const FORM_ID = 'register-incoming-form';

function DuplicateList({ items }: { items: IncomingListItem[] }) {
  return (
    <ul style={{ paddingInlineStart: 18, margin: '8px 0 0' }}>
      {items.map((d) => (
        <li key={d.id}>
          Số đến <strong>{d.arrivalNumber ?? '—'}</strong>
          {d.provisional ? ' (tạm)' : ''}, ngày đến {dateVi(d.arrivalDate)}: {formatNumberNotation(d.number, d.notation)} — {d.issuer} —{' '}
          {d.subject}
        </li>
      ))}
    </ul>
  );
}

type Props = {
  open: boolean;
  onClose: () => void;
  /** A scan picked in the scan-folder panel: attached as the main text when the form opens. */
  initialFile?: StagedFile | null;
  /** Scans registered earlier in this window (hidden from the scan-folder list). */
  usedScans?: string[];
  onRegistered?: (fileSha256s: string[]) => void;
};

export function RegisterIncomingDrawer({ open, onClose: close, initialFile, usedScans, onRegistered }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification, modal } = App.useApp();
  const [form] = Form.useForm<RegisterFormValues>();
  const issuerRef = useRef<GetRef<typeof AutoComplete>>(null);
  const notationRef = useRef<GetRef<typeof Input>>(null);
  const issuerText = useDeferredValue((Form.useWatch('issuer', form) as string | undefined) ?? '');
  const suggestions = useIssuerSuggestions(issuerText, open);
  // Nothing to suggest once the clerk typed exactly a known name.
  const issuerOptions = useMemo(() => {
    const typed = foldVietnamese(issuerText).trim();
    const list = issuerText.trim() ? (suggestions.data ?? []) : [];
    return list
      .filter((s) => foldVietnamese(s.name) !== typed)
      .map((s) => ({ value: s.name, label: s.abbr ? `${s.name} (${s.abbr})` : s.name }));
  }, [suggestions.data, issuerText]);
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A second Enter while the first registration runs must not register the document twice.
  const inFlight = useRef(false);
  useEffect(() => {
    if (open && initialFile) setFiles([entryFromStaged(initialFile, 'main')]);
  }, [open, initialFile]);
  const secrecy = Form.useWatch('secrecy', form) ?? 'none';
  const secret = isSecret(secrecy);

  const reset = () => {
    form.resetFields();
    setFiles([]);
    setFileError(null);
    setSubmitError(null);
  };

  // Closing discards the half-filled form: reopening must never show another document's data.
  const onClose = () => {
    reset();
    close();
  };

  const register = async (values: RegisterFormValues, acknowledgeDuplicate: boolean): Promise<void> => {
    const input = toRegisterInput(values, files, acknowledgeDuplicate);
    try {
      const res = await api.call('documents.registerIncoming', input);
      // A notification in the corner, not a toast over the toolbar: the clerk often registers the next one at once.
      notification.success({
        title: `Đã vào sổ, số đến ${res.arrivalNumber}${res.provisional ? ' (tạm)' : ''}${isSecret(input.secrecy) ? ' — sổ văn bản đến mật' : ''}`,
        description: res.provisional
          ? 'Số tạm cấp trên máy này. Máy chủ sẽ cấp số chính thức khi đồng bộ (vài giây nếu đang có mạng); số trong danh sách tự cập nhật.'
          : `${formatNumberNotation(input.number, input.notation)} — ${input.issuer}`,
        placement: 'bottomRight',
        duration: 8,
      });
      void queryClient.invalidateQueries({ queryKey: ['documents.listIncoming'] });
      onRegistered?.(input.files.map((f) => f.sha256));
      reset();
      onClose();
    } catch (err) {
      if (errorCode(err) === 'DUPLICATE_DOCUMENT' && !acknowledgeDuplicate) {
        const earlier = await api
          .call('documents.checkDuplicate', { issuer: input.issuer, number: input.number, notation: input.notation, year: Number(input.documentDate.slice(0, 4)) })
          .catch(() => []);
        modal.confirm({
          title: 'Văn bản này có thể đã được vào sổ',
          width: 560,
          content: (
            <div>
              Trong năm nay đã có văn bản cùng số, ký hiệu và cơ quan ban hành:
              <DuplicateList items={earlier} />
              <p style={{ marginTop: 8 }}>Chỉ vào sổ lần nữa nếu đây thực sự là văn bản khác (ví dụ bản gửi lại có nội dung mới).</p>
            </div>
          ),
          okText: 'Vẫn vào sổ',
          // Enter must not register a duplicate by reflex: the safe answer has the focus.
          autoFocusButton: 'cancel',
          cancelText: 'Không vào sổ',
          onOk: () => register(values, true),
        });
        return;
      }
      if (errorCode(err) === 'FILE_REQUIRED' || errorCode(err) === 'SECRET_FILE_FORBIDDEN') setFileError(errorMessage(err));
      else setSubmitError(errorMessage(err));
    }
  };

  const onFinish = async (values: RegisterFormValues, signatureChecked = false) => {
    if (inFlight.current) return;
    setSubmitError(null);
    if (!secret) {
      if (files.some((f) => f.status === 'staging')) {
        setFileError('Tệp đang được đọc, vui lòng đợi trong giây lát rồi bấm "Vào sổ" lại.');
        return;
      }
      if (!files.some((f) => f.status === 'ready')) {
        setFileError('Văn bản không mật phải có tệp. Hãy kéo thả hoặc chọn tệp văn bản (PDF hoặc ảnh quét).');
        return;
      }
    }
    setFileError(null);
    // DOMAIN.md: invalid electronic mail is returned to the sender; registering it anyway is a deliberate choice.
    if (!secret && !signatureChecked && files.some((f) => f.status === 'ready' && hasBrokenSignature(f.staged))) {
      modal.confirm({
        title: 'Tệp có chữ ký số không hợp lệ',
        width: 560,
        content:
          'Chữ ký số trên tệp đã nhận không hợp lệ (tệp có thể đã bị sửa sau khi ký, hoặc chứng thư không tin cậy). Theo quy định, văn bản điện tử không hợp lệ phải được trả lại nơi gửi ngay trong ngày. Chỉ vào sổ nếu đã xác minh được văn bản với nơi gửi.',
        okText: 'Vẫn vào sổ',
        okButtonProps: { danger: true },
        autoFocusButton: 'cancel',
        cancelText: 'Không vào sổ',
        onOk: () => onFinish(values, true),
      });
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    try {
      await register(values, false);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const onNotationChange = (text: string) => {
    const parsed = parseNumberNotation(text);
    // Công văn has no type abbreviation: a valid symbol without one means công văn.
    if (parsed.ok) form.setFieldValue('docType', parsed.docType?.code ?? 'CV');
  };

  const submitOnEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      form.submit();
    }
  };

  return (
    <Drawer
      title="Vào sổ văn bản đến"
      open={open}
      size={1040}
      onClose={onClose}
      destroyOnHidden={false}
      // The drawer focuses its own panel when it opens; the clerk's first keystroke belongs in the first field.
      afterOpenChange={(isOpen) => isOpen && issuerRef.current?.focus()}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <span style={{ color: '#5b6b82', fontSize: 12, marginRight: 8 }}>
            Enter hoặc Ctrl+Enter: vào sổ · Shift+Enter: xuống dòng trong trích yếu · Esc: hủy
          </span>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" htmlType="submit" form={FORM_ID} loading={submitting}>
            Vào sổ
          </Button>
        </Space>
      }
    >
      {/* Ctrl+Enter submits from anywhere in the form, also from the file buttons where Enter opens the picker. */}
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            form.submit();
          }
        }}
      >
      <Form<RegisterFormValues>
        id={FORM_ID}
        form={form}
        layout="vertical"
        className="dense-form"
        size="middle"
        initialValues={{ urgency: 'normal', secrecy: 'none', docType: 'CV' }}
        onFinish={(v) => void onFinish(v)}
        scrollToFirstError
      >
        <div className="register-hint">
          <span>
            Ngày đến: <strong>{dateVi(todayInVietnam())}</strong>
          </span>
          <span>
            Số đến: hệ thống tự cấp khi bấm &quot;Vào sổ&quot; (số tiếp theo trong {secret ? <strong>sổ văn bản đến mật</strong> : 'sổ văn bản đến'} năm{' '}
            {registerYearOf()})
          </span>
        </div>
        <Row gutter={20}>
          <Col span={14}>
            <Form.Item label="Cơ quan ban hành" name="issuer" rules={[{ required: true, whitespace: true, message: 'Nhập cơ quan ban hành' }]}>
              <AutoComplete
                ref={issuerRef}
                placeholder="Ví dụ: Sở Xây dựng tỉnh Hà Nam (gõ không dấu cũng được)"
                maxLength={200}
                options={issuerOptions}
                // The core matches without accents ("so xay dung" offers "Sở Xây dựng …"): no second filter here.
                showSearch={{ filterOption: false }}
                // With suggestions open, Tab takes the highlighted issuer but the list keeps the focus; the clerk
                // expects Tab to go on to the next field as it does everywhere else in the form.
                onKeyDown={(e) => {
                  if (e.key === 'Tab' && !e.shiftKey && e.defaultPrevented) requestAnimationFrame(() => notationRef.current?.focus());
                }}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  label="Số, ký hiệu"
                  name="numberNotation"
                  rules={[
                    {
                      validator: async (_r, v?: string) => {
                        if (!v || !v.trim()) return;
                        const p = parseNumberNotation(v);
                        if (!p.ok) throw new Error(p.message);
                      },
                    },
                  ]}
                >
                  <Input ref={notationRef} placeholder="Ví dụ: 1866/SXD-VP" onChange={(e) => onNotationChange(e.target.value)} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="Ngày văn bản" name="documentDate" rules={[{ required: true, message: 'Nhập ngày của văn bản' }]}>
                  <DatePicker format={DATE_FORMATS} allowClear={false} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="Loại văn bản" name="docType" rules={[{ required: true, message: 'Chọn loại văn bản' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={docTypeOptions} />
            </Form.Item>
            <Form.Item label="Trích yếu" name="subject" rules={[{ required: true, whitespace: true, message: 'Nhập trích yếu nội dung' }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount onKeyDown={submitOnEnter} />
            </Form.Item>
            <Form.Item label="Độ khẩn" name="urgency">
              <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item label="Độ mật" name="secrecy">
                  <Select options={SECRECIES.map((s) => ({ value: s, label: s === 'none' ? 'Không mật' : SECRECY_LABELS[s] }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="Hạn xử lý" name="dueDate">
                  <DatePicker format={DATE_FORMATS} allowClear={false} placeholder="dd/mm/yyyy (nếu có)" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="Nơi nhận (đơn vị hoặc người nhận)" name="recipients">
              <Input maxLength={500} placeholder="Ví dụ: Phòng Quản lý xây dựng" />
            </Form.Item>
            <Form.Item label="Ghi chú" name="note">
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <div className="ant-form-item-label" style={{ paddingBottom: 8, display: 'flex', justifyContent: 'space-between' }}>
              <label>Tệp văn bản</label>
              {!secret && (
                <span data-testid="page-total" style={{ color: '#5b6b82' }}>
                  Số trang: <strong>{totalPages(files) ?? '—'}</strong> (tự tính từ tệp)
                </span>
              )}
            </div>
            {secret ? (
              <Alert
                type="warning"
                showIcon
                title="Văn bản mật chỉ vào sổ thông tin, không lưu tệp"
                description="Theo quy định bảo vệ bí mật nhà nước, tệp của văn bản mật không được lưu trên máy tính nối mạng. Bản giấy được quản lý theo quy trình văn bản mật."
              />
            ) : (
              <FileDropZone value={files} onChange={setFiles} error={fileError} usedScans={usedScans} />
            )}
            {submitError && <Alert type="error" showIcon title="Chưa vào sổ được" description={submitError} style={{ marginTop: 16 }} />}
          </Col>
        </Row>
      </Form>
      </div>
    </Drawer>
  );
}
