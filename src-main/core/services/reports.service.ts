/**
 * Registers as documents: the incoming register for a date range, printed to PDF or exported to Excel, from this
 * desktop's replica (works offline; documents still waiting for the server show their provisional number).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import { REGISTER_KIND_LABELS } from '../../../src-shared/domain/enums';
import type { Organization } from '../../../src-shared/domain/entities';
import { renderIncomingRegisterPdf } from '../reports/incoming-register.pdf';
import { incomingRegisterRows } from '../reports/incoming-register.rows';
import { renderIncomingRegisterXlsx } from '../reports/incoming-register.xlsx';

export type ReportsDeps = {
  sqlite: Database.Database;
  organization: () => Organization;
  resourcesDir: () => string;
  now?: () => Date;
};

export type ExportIncomingParams = { from: string; to: string; format: 'pdf' | 'xlsx'; registerKind: 'incoming' | 'incomingSecret' };

export function createReportsService(deps: ReportsDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async exportIncoming(p: ExportIncomingParams): Promise<{ fileName: string; mime: string; contentBase64: string }> {
      if (p.from > p.to) throw new AppError('INVALID_INPUT', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc. Vui lòng chọn lại khoảng thời gian.');
      const org = deps.organization();
      const rows = incomingRegisterRows(deps.sqlite, p);
      const header = { organizationName: org.name, title: REGISTER_KIND_LABELS[p.registerKind], from: p.from, to: p.to, printedAt: now() };
      const base = `So-van-ban-den${p.registerKind === 'incomingSecret' ? '-mat' : ''}_${p.from}_${p.to}`;
      if (p.format === 'pdf') {
        const pdf = await renderIncomingRegisterPdf(rows, header, deps.resourcesDir());
        return { fileName: `${base}.pdf`, mime: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') };
      }
      const xlsx = await renderIncomingRegisterXlsx(rows, header);
      return {
        fileName: `${base}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        contentBase64: Buffer.from(xlsx).toString('base64'),
      };
    },
  };
}
