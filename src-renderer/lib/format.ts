/** Display helpers for the Vietnamese UI (dates dd/MM/yyyy, sizes, numbers). */
import dayjs from 'dayjs';
import { formatDateVi } from '../../src-shared/domain';

export function dateVi(iso: string | null | undefined): string {
  return iso ? formatDateVi(iso) : '—';
}

export function dateTimeVi(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('HH:mm DD/MM/YYYY') : '—';
}

export function fileSizeVi(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** Message of any error thrown by the client (AppError messages are already Vietnamese). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại.';
}

export function errorCode(err: unknown): string | null {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : null;
}
