/**
 * A small ECharts wrapper (no echarts-for-react), loaded lazily by the indicator page. Only the parts in
 * use are registered. Charts use the SVG renderer: crisp at any zoom level and exportable as SVG; PNG is
 * drawn from the SVG on a canvas.
 */
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './chartOptions';
import { useTexts } from './texts';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

function download(href: string, fileName: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

/** PNG from an SVG text, at twice the size for sharp print. */
export async function svgToPngBlob(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.addEventListener('load', () => resolve());
      img.addEventListener('error', () => reject(new Error('svg')));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('png'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export default function EChart({
  option,
  height,
  label,
  describedBy,
  fileName,
  downloadWhat,
  testId,
}: {
  option: ChartOption;
  height: number;
  /** Accessible name of the chart (role img). */
  label: string;
  describedBy?: string;
  /** Base name of the SVG/PNG downloads (without extension). */
  fileName: string;
  /** What is downloaded, for the button names ("Balkendiagramm"). */
  downloadWhat: string;
  testId?: string;
}) {
  const tx = useTexts();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!el.current) return;
    try {
      const c = echarts.init(el.current, undefined, { renderer: 'svg' });
      chart.current = c;
      const ro = new ResizeObserver(() => c.resize());
      ro.observe(el.current);
      return () => {
        ro.disconnect();
        c.dispose();
        chart.current = null;
      };
    } catch {
      setFailed(true);
      return undefined;
    }
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option, { notMerge: true });
    c.resize();
  }, [option, height]);

  function svgText(): string | null {
    const c = chart.current;
    if (!c) return null;
    return c.renderToSVGString();
  }

  function downloadSvg() {
    const svg = svgText();
    if (!svg) return;
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    download(url, `${fileName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function downloadPng() {
    const svg = svgText();
    const c = chart.current;
    if (!svg || !c) return;
    const blob = await svgToPngBlob(svg, c.getWidth(), c.getHeight());
    const url = URL.createObjectURL(blob);
    download(url, `${fileName}.png`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <div className="mon-chart" data-testid={testId}>
      {failed ? <p className="alert alert-warning">{tx.chartRenderFailed}</p> : null}
      <div
        ref={el}
        className="mon-chart-canvas"
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        style={{ height }}
      />
      <p className="mon-chart-downloads">
        <button type="button" className="button button-secondary" onClick={downloadSvg}>
          <span className="sr-only">{downloadWhat}: </span>
          {tx.downloadFmt(tx.svg)}
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={() => void downloadPng()}>
          <span className="sr-only">{downloadWhat}: </span>
          {tx.downloadFmt(tx.png)}
        </button>
      </p>
    </div>
  );
}
