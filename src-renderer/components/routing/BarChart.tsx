/**
 * A small horizontal bar chart in SVG (no chart library): one group per item, one bar per series, the value written
 * at the end of each bar so a leader reads the figure without hovering. Percent charts share a fixed 0–100 axis so
 * two units are compared at a glance.
 */
import { Empty } from 'antd';

export type BarSeries = { name: string; color: string };
export type BarItem = { label: string; values: number[] };

const LABEL_W = 190;
const BAR_H = 14;
const GAP = 10;
const VALUE_W = 56;

const fmt = (v: number, percent: boolean) => (percent ? `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %` : v.toLocaleString('vi-VN'));

export function BarChart({
  title,
  items,
  series,
  percent = false,
  width = 640,
  testId,
}: {
  title: string;
  items: BarItem[];
  series: BarSeries[];
  percent?: boolean;
  width?: number;
  testId?: string;
}) {
  const max = percent ? 100 : Math.max(1, ...items.flatMap((i) => i.values));
  const plotW = width - LABEL_W - VALUE_W;
  const groupH = series.length * BAR_H + GAP;
  const height = items.length * groupH + 24;
  return (
    <figure className="bar-chart" data-testid={testId} style={{ margin: 0 }}>
      <figcaption className="bar-chart-title">
        <strong>{title}</strong>
        {series.length > 1 &&
          series.map((s) => (
            <span key={s.name} className="bar-chart-legend">
              <i style={{ background: s.color }} />
              {s.name}
            </span>
          ))}
      </figcaption>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có số liệu trong kỳ này" />
      ) : (
        <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} style={{ maxWidth: width }}>
          {percent &&
            [0, 25, 50, 75, 100].map((t) => {
              const x = LABEL_W + (t / 100) * plotW;
              return (
                <g key={t}>
                  <line x1={x} x2={x} y1={0} y2={height - 18} stroke="#e3e8f0" />
                  <text x={x} y={height - 4} fontSize={10} textAnchor="middle" fill="#5b6b82">
                    {t} %
                  </text>
                </g>
              );
            })}
          {items.map((item, i) => {
            const y0 = i * groupH + 2;
            return (
              <g key={`${item.label}-${i}`}>
                <text x={LABEL_W - 8} y={y0 + (series.length * BAR_H) / 2 + 4} fontSize={12} textAnchor="end" fill="#1f2d3d">
                  <title>{item.label}</title>
                  {item.label.length > 28 ? `${item.label.slice(0, 27)}…` : item.label}
                </text>
                {item.values.map((v, k) => {
                  const w = Math.max((Math.max(0, v) / max) * plotW, 1);
                  const s = series[k];
                  return (
                    <g key={k}>
                      <rect x={LABEL_W} y={y0 + k * BAR_H} width={w} height={BAR_H - 3} fill={s?.color ?? '#1d4f91'} rx={2}>
                        <title>{`${item.label} — ${s?.name ?? ''}: ${fmt(v, percent)}`}</title>
                      </rect>
                      <text x={LABEL_W + w + 4} y={y0 + k * BAR_H + BAR_H - 5} fontSize={11} fill="#1f2d3d">
                        {fmt(v, percent)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
