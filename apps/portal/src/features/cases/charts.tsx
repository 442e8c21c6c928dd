import { useId, type ReactNode } from 'react';
import { formatNumber } from '../../components/format';

/**
 * Small SVG charts drawn here rather than by a library: no injected styles (the CSP forbids them),
 * nothing to download. The picture is hidden from screen readers; the table beside it, with the
 * same numbers, is what they read (and what axe checks).
 */

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** One horizontal bar per row, the label above it and the number after it. */
export function BarChart({
  title,
  bars,
  labelHeader,
  valueHeader,
}: {
  title: string;
  bars: Bar[];
  labelHeader: string;
  valueHeader: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 34;
  const width = 300;
  const room = 250;
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h3>{title}</h3>
      </figcaption>
      <svg
        className="chart-svg chart-svg-bars"
        viewBox={`0 0 ${width} ${bars.length * row + 4}`}
        aria-hidden="true"
        focusable="false"
      >
        {bars.map((bar, i) => {
          const y = i * row;
          const w = bar.value === 0 ? 0 : Math.max(2, (bar.value / max) * room);
          return (
            <g key={bar.key}>
              <text x={0} y={y + 11} className="chart-label">
                {bar.label}
              </text>
              <rect x={0} y={y + 15} width={w} height={14} rx={2} className="chart-bar" />
              <text x={w + 6} y={y + 27} className="chart-value">
                {formatNumber(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={title}
        headers={[labelHeader, valueHeader]}
        rows={bars.map((b) => ({ key: b.key, cells: [b.label, formatNumber(b.value)] }))}
      />
    </figure>
  );
}

export interface Series {
  key: string;
  label: string;
}

/** Columns stacked by series (registrations by status, month by month), with a legend. */
export function StackedColumns({
  title,
  columns,
  series,
  columnHeader,
  totalHeader,
}: {
  title: string;
  columns: { key: string; label: string; values: Record<string, number> }[];
  series: Series[];
  columnHeader: string;
  totalHeader: string;
}) {
  const id = useId();
  const totals = columns.map((c) => series.reduce((sum, s) => sum + (c.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const width = 600;
  const plot = 200;
  const step = width / Math.max(1, columns.length);
  const barWidth = Math.min(32, step * 0.7);
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h3>{title}</h3>
      </figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <svg viewBox="0 0 12 12" className="chart-swatch" focusable="false">
              <rect width={12} height={12} className={`chart-fill-${s.key}`} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        className="chart-svg"
        viewBox={`0 0 ${width} ${plot + 34}`}
        aria-hidden="true"
        focusable="false"
      >
        <line x1={0} x2={width} y1={plot + 0.5} y2={plot + 0.5} className="chart-axis" />
        {columns.map((column, i) => {
          const x = i * step + (step - barWidth) / 2;
          let top = plot;
          return (
            <g key={column.key}>
              {series.map((s) => {
                const value = column.values[s.key] ?? 0;
                if (value === 0) return null;
                const h = (value / max) * (plot - 16);
                top -= h;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    y={top}
                    width={barWidth}
                    height={h}
                    className={`chart-fill-${s.key}`}
                  />
                );
              })}
              {totals[i] > 0 ? (
                <text x={x + barWidth / 2} y={top - 4} className="chart-value" textAnchor="middle">
                  {formatNumber(totals[i])}
                </text>
              ) : null}
              <text
                x={x + barWidth / 2}
                y={plot + 26}
                className={`chart-tick${(columns.length - 1 - i) % 3 === 0 ? '' : ' chart-tick-minor'}`}
                textAnchor="middle"
              >
                {column.label}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={title}
        headers={[columnHeader, ...series.map((s) => s.label), totalHeader]}
        rows={columns.map((c, i) => ({
          key: c.key,
          cells: [
            c.label,
            ...series.map((s) => formatNumber(c.values[s.key] ?? 0)),
            formatNumber(totals[i]),
          ],
        }))}
      />
    </figure>
  );
}

/** The numbers of a chart, for screen readers and for anyone who prefers to read them. */
export function DataTable({
  caption,
  headers,
  rows,
}: {
  caption: ReactNode;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="chart-table">
        <caption id={id} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'numeric' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="numeric">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
