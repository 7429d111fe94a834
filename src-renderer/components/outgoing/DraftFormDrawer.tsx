/**
 * Dự thảo văn bản đi: the staff's form to create a draft or to add a new version after a return. The metadata are the
 * outgoing fields of ND30 appendix VI (type, subject, priority, secrecy, signer, recipients, number of copies, language,
 * description); the number and issue date are left blank on purpose: the clerk's issuance fills them.
 * Files: the PDF to sign and, when the drafter has it, the DOCX kept alongside for later edits.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, type GetRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DOC_TYPES, SECRECIES, SECRECY_LABELS, URGENCIES, URGENCY_LABELS, isSecret, type DocTypeCode } from '../../../src-shared/domain';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/format';
import { defaultNotation, draftFilesOf, isDocxName, toCreateDraftInput, type DraftFormValues } from '../../lib/outgoing-form';
import { FileDropZone, totalPages, type FileEntry } from '../FileDropZone';

const FORM_ID = 'outgoing-draft-form';
const docTypeOptions = DOC_TYPES.filter((t) => !t.isCopy).map((t) => ({ value: t.code, label: t.abbr ? `${t.abbr} — ${t.name}` : t.name }));

type Props = {
  open: boolean;
  onClose: () => void;
  /** Set to add a version to an existing draft: only files and a note are asked. */
  newVersionOf?: { id: string; subject: string } | null;
  /** Issuing body's abbreviation and the drafter's unit code, to propose the symbol (ký hiệu). */
  orgAbbr: string;
  unitCode: string | null;
  onSaved?: (draftId: string) => void;
};

export function DraftFormDrawer({ open, onClose: close, newVersionOf, orgAbbr, unitCode, onSaved }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const [form] = Form.useForm<DraftFormValues>();
  const subjectRef = useRef<GetRef<typeof Input.TextArea>>(null);
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const secret = isSecret(Form.useWatch('secrecy', form) ?? 'none');
  const versionMode = Boolean(newVersionOf);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldValue('notation', defaultNotation('CV', orgAbbr, unitCode));
    setFiles([]);
    setFileError(null);
    setSubmitError(null);
  }, [open, form, orgAbbr, unitCode]);

  const onFinish = async (values: DraftFormValues) => {
    if (saving) return;
    setSubmitError(null);
    if (files.some((f) => f.status === 'staging')) {
      setFileError('Tệp đang được đọc, vui lòng đợi trong giây lát rồi lưu lại.');
      return;
    }
    const picked = draftFilesOf(files);
    if (secret) {
      setFileError('Văn bản mật không soạn thảo trên hệ thống nối mạng: hãy soạn và trình ký bản giấy theo quy trình văn bản mật.');
      return;
    }
    if (!picked.pdf) {
      setFileError('Dự thảo cần tệp PDF văn bản chính (để lãnh đạo đọc và ký số). Tệp DOCX, nếu có, được lưu kèm.');
      return;
    }
    setFileError(null);
    setSaving(true);
    try {
      if (newVersionOf) {
        await api.call('outgoing.addVersion', { draftId: newVersionOf.id, pdf: picked.pdf, docx: picked.docx, attachments: picked.attachments, note: (values.note ?? '').trim() });
        notification.success({ title: 'Đã lưu phiên bản mới', description: newVersionOf.subject, placement: 'bottomRight' });
        onSaved?.(newVersionOf.id);
      } else {
        const res = await api.call('outgoing.createDraft', toCreateDraftInput(values, picked, totalPages(files.filter((f) => !isDocxName(f.name)))));
        notification.success({
          title: 'Đã lưu dự thảo',
          description: 'Mở dự thảo để trình trưởng phòng duyệt nội dung khi đã sẵn sàng.',
          placement: 'bottomRight',
        });
        onSaved?.(res.id);
      }
      void queryClient.invalidateQueries({ queryKey: ['outgoing.listDrafts'] });
      void queryClient.invalidateQueries({ queryKey: ['outgoing.getDraft'] });
      close();
    } catch (err) {
      setSubmitError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const submitOnEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  return (
    <Drawer
      title={newVersionOf ? `Phiên bản mới — ${newVersionOf.subject}` : 'Tạo dự thảo văn bản đi'}
      open={open}
      size={1040}
      onClose={close}
      afterOpenChange={(isOpen) => isOpen && subjectRef.current?.focus()}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <span className="muted" style={{ marginRight: 8 }}>
            Ctrl+Enter: lưu · Esc: hủy
          </span>
          <Button onClick={close}>Hủy</Button>
          <Button type="primary" htmlType="submit" form={FORM_ID} loading={saving} data-testid="draft-save">
            {newVersionOf ? 'Lưu phiên bản' : 'Lưu dự thảo'}
          </Button>
        </Space>
      }
    >
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            form.submit();
          }
        }}
      >
        <Form<DraftFormValues>
          id={FORM_ID}
          form={form}
          layout="vertical"
          className="dense-form"
          initialValues={{ urgency: 'normal', secrecy: 'none', docType: 'CV', issuedAmount: 1 }}
          onValuesChange={(changed: Partial<DraftFormValues>) => {
            // The symbol follows the type until the drafter writes their own.
            if (changed.docType && !form.isFieldTouched('notation')) form.setFieldValue('notation', defaultNotation(changed.docType as DocTypeCode, orgAbbr, unitCode));
          }}
          onFinish={(v) => void onFinish(v)}
        >
          <div className="register-hint">
            <span>Trên dự thảo để trống số và ngày (“Số:      /KH-SNV”, “ngày … tháng … năm …”): văn thư cấp số, ghi ngày khi phát hành.</span>
          </div>
          <Row gutter={20}>
            <Col span={14}>
              {versionMode ? (
                <Form.Item label="Nội dung sửa đổi của phiên bản này" name="note" rules={[{ required: true, whitespace: true, message: 'Ghi ngắn gọn đã sửa những gì' }]}>
                  <Input.TextArea ref={subjectRef} autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} onKeyDown={submitOnEnter} />
                </Form.Item>
              ) : (
                <>
                  <Form.Item label="Trích yếu" name="subject" rules={[{ required: true, whitespace: true, message: 'Nhập trích yếu nội dung' }]}>
                    <Input.TextArea ref={subjectRef} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount onKeyDown={submitOnEnter} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item label="Loại văn bản" name="docType" rules={[{ required: true, message: 'Chọn loại văn bản' }]}>
                        <Select showSearch={{ optionFilterProp: 'label' }} options={docTypeOptions} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item
                        label="Ký hiệu (không kèm số)"
                        name="notation"
                        tooltip="Số do văn thư cấp khi phát hành; ở đây chỉ ghi phần ký hiệu, ví dụ QĐ-SNV hoặc SNV-VP."
                        rules={[{ required: true, whitespace: true, message: 'Nhập ký hiệu, ví dụ QĐ-SNV' }]}
                      >
                        <Input maxLength={30} autoComplete="off" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item label="Độ khẩn" name="urgency">
                    <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col span={8}>
                      <Form.Item label="Độ mật" name="secrecy">
                        <Select options={SECRECIES.map((s) => ({ value: s, label: s === 'none' ? 'Không mật' : SECRECY_LABELS[s] }))} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item label="Số lượng bản" name="issuedAmount">
                        <InputNumber min={1} max={9999} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item label="Nơi nhận" name="recipientsText" tooltip="Ghi như ở phần Nơi nhận của văn bản; văn thư chọn nơi gửi cụ thể khi phát hành.">
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder="Ví dụ: - UBND các huyện; - Lưu: VT, VP." />
                  </Form.Item>
                  <Form.Item label="Ghi chú" name="description">
                    <Input maxLength={500} />
                  </Form.Item>
                </>
              )}
            </Col>
            <Col span={10}>
              <div className="ant-form-item-label" style={{ paddingBottom: 8, display: 'flex', justifyContent: 'space-between' }}>
                <label>Tệp dự thảo (PDF; kèm DOCX nếu có)</label>
                {!secret && (
                  <span style={{ color: '#5b6b82' }}>
                    Số trang: <strong>{totalPages(files.filter((f) => !f.name.toLowerCase().endsWith('.docx'))) ?? '—'}</strong>
                  </span>
                )}
              </div>
              {secret ? (
                <Alert
                  type="warning"
                  showIcon
                  title="Văn bản mật không soạn trên máy tính nối mạng"
                  description="Theo quy định bảo vệ bí mật nhà nước, dự thảo văn bản mật chỉ lưu thông tin, không lưu tệp."
                />
              ) : (
                <FileDropZone value={files} onChange={setFiles} error={fileError} allowDocx />
              )}
              {submitError && <Alert type="error" showIcon title="Chưa lưu được dự thảo" description={submitError} style={{ marginTop: 16 }} />}
            </Col>
          </Row>
        </Form>
      </div>
    </Drawer>
  );
}
