/** Date rules of Decree 30 and the app's date-only values ('YYYY-MM-DD', Vietnam time). */

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'Hà Nội, ngày 05 tháng 01 năm 2020': leading zero for days below 10 and for months 1 and 2. */
export function formatPlaceDate(place: string, isoDate: string): string {
  const { y, m, d } = splitIsoDate(isoDate);
  const month = m <= 2 ? pad2(m) : String(m);
  return `${place}, ngày ${pad2(d)} tháng ${month} năm ${y}`;
}

/** dd/MM/yyyy as clerks write dates in registers. */
export function formatDateVi(isoDate: string): string {
  const { y, m, d } = splitIsoDate(isoDate);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

export function splitIsoDate(isoDate: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new RangeError(`not an ISO date: ${isoDate}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Today's date in Vietnam (UTC+7, no DST) as 'YYYY-MM-DD'. */
export function todayInVietnam(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 7 * 3600_000);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The register year a moment belongs to, in Vietnam time (numbers restart on 1 January). */
export function registerYearOf(now: Date = new Date()): number {
  return Number(todayInVietnam(now).slice(0, 4));
}

export const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
