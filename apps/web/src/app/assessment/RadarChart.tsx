/**
 * A small ECharts wrapper for the radar charts, loaded lazily (dynamic import) by the results and network
 * pages; only the radar parts are registered. SVG renderer: crisp at any zoom level. The option is
 * built for the width of the container (narrow: wrapped axis names, smaller radius).
 */
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { RadarChart as Radar } from 'echarts/charts';
import { LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './charts';
import { useAssessmentTexts } from './texts';

echarts.use([Radar, RadarComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export default function RadarChart({
  option,
  height,
  label,
  describedBy,
  testId,
}: {
  /** Option for the width of the container in pixels. */
  option: (width: number) => ChartOption;
  height: (width: number) => number;
  /** Accessible name of the chart (role img); the table next to it carries the values. */
  label: string;
  describedBy?: string;
  testId?: string;
}) {
  const x = useAssessmentTexts();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const [width, setWidth] = useState(640);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    try {
      const c = echarts.init(node, undefined, { renderer: 'svg' });
      chart.current = c;
      // Whole tens of pixels: small changes do not rebuild the option.
      const measure = () => setWidth(Math.max(200, Math.floor(node.clientWidth / 10) * 10));
      measure();
      const ro = new ResizeObserver(() => {
        measure();
        c.resize();
      });
      ro.observe(node);
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

  const h = height(width);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option(width), { notMerge: true });
    c.resize();
    setDrawn(true);
  }, [option, width, h]);

  return (
    <div className="as-chart" data-testid={testId} data-ready={drawn ? 'true' : 'false'}>
      {failed ? <p className="alert alert-warning">{x.chartFailed}</p> : null}
      <div
        ref={el}
        className="as-chart-canvas"
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        style={{ height: h }}
      />
    </div>
  );
}
