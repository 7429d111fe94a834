/**
 * Bút phê và phân công (leader), or giao tiếp trong đơn vị (unit head): the directive text, then who handles it,
 * with a deadline per assignee. Ctrl+Enter sends from anywhere in the form.
 */
import { Alert, Button, Drawer, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RoutingDocumentSummary } from '../../../src-shared/contract';
import { formatNumberNotation } from '../../../src-shared/domain';
import { dateVi } from '../../lib/format';
import { useRoutingAction } from '../../lib/routing-queries';
import { UrgencyTag } from '../DocTags';
import { AssignmentForm, EMPTY_ASSIGNMENT, assignmentInputs, type AssignmentValue } from './AssignmentForm';
import { DEFAULT_DUE, type DueValue } from './DeadlineInput';

export type DirectiveTarget =
  | { mode: 'assign'; document: RoutingDocumentSummary }
  | { mode: 'reassign'; document: RoutingDocumentSummary; assignmentId: string; unitId: string | null; selfId: string; label: string };

/** The document's own Hạn xử lý is the natural default for the primary handler. */
function initialDue(doc: RoutingDocumentSummary): DueValue {
  return doc.dueDate ? { mode: 'date', date: doc.dueDate } : DEFAULT_DUE;
}

export function DirectiveDrawer({ target, onClose }: { target: DirectiveTarget | null; onClose: () => void }) {
  const [directive, setDirective] = useState('');
  const [value, setValue] = useState<AssignmentValue>(EMPTY_ASSIGNMENT);
  const [error, setError] = useState<string | null>(null);
  const assign = useRoutingAction('routing.assign', 'Đã bút phê và phân công');
  const reassign = useRoutingAction('routing.reassign', 'Đã giao xử lý trong đơn vị');
  const doc = target?.document;

  useEffect(() => {
    setDirective('');
    setError(null);
    setValue(doc ? { ...EMPTY_ASSIGNMENT, defaultDue: initialDue(doc) } : EMPTY_ASSIGNMENT);
  }, [target, doc]);

  const send = async () => {
    if (!target) return;
    if (!value.primary) {
      setError('Chọn người (hoặc đơn vị) xử lý chính: mỗi văn bản có đúng một người chủ trì.');
      return;
    }
    const assignments = assignmentInputs(value);
    try {
      if (target.mode === 'assign') await assign.mutateAsync({ documentId: target.document.id, directive, assignments });
      else await reassign.mutateAsync({ assignmentId: target.assignmentId, note: directive, assignments });
      onClose();
    } catch {
      // the action shows the message
    }
  };

  const title = target?.mode === 'reassign' ? target.label : 'Bút phê, phân công xử lý';
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={title}
      size={760}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={assign.isPending || reassign.isPending} onClick={() => void send()} title="Ctrl+Enter" data-testid="directive-send">
            {target?.mode === 'reassign' ? 'Giao việc' : 'Gửi bút phê'}
          </Button>
        </Space>
      }
    >
      {doc && (
        <div
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
        >
          <div className="directive-doc" data-testid="directive-doc">
            <div>
              <strong>Số đến {doc.arrivalNumber ?? '—'}</strong> · {formatNumberNotation(doc.number, doc.notation) || '—'} · {doc.issuer}
              {doc.urgency !== 'normal' && (
                <>
                  {' '}
                  <UrgencyTag urgency={doc.urgency} />
                </>
              )}
            </div>
            <div>{doc.subject}</div>
            {doc.dueDate && <Typography.Text type="secondary">Hạn xử lý ghi trên văn bản: {dateVi(doc.dueDate)}</Typography.Text>}
          </div>
          <label className="field-label" htmlFor="directive-text">
            {target?.mode === 'reassign' ? 'Ý kiến giao việc' : 'Ý kiến bút phê'}
          </label>
          <Input.TextArea
            id="directive-text"
            aria-label={target?.mode === 'reassign' ? 'Ý kiến giao việc' : 'Ý kiến bút phê'}
            autoFocus
            rows={3}
            maxLength={2000}
            placeholder={target?.mode === 'reassign' ? 'Ví dụ: Đồng chí Anh nghiên cứu, tham mưu văn bản trả lời.' : 'Ví dụ: Giao Phòng TCCB chủ trì, Phòng CCHC phối hợp tham mưu trả lời.'}
            value={directive}
            onChange={(e) => setDirective(e.target.value)}
          />
          <AssignmentForm
            value={value}
            onChange={setValue}
            {...(target?.mode === 'reassign' ? { unitsAllowed: false, onlyUnitId: target.unitId, selfId: target.selfId } : {})}
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </div>
      )}
    </Drawer>
  );
}
