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

const NARROW_PX = 520;

export default function RadarChart({
  option,
  height,
  label,
  describedBy,
  testId,
}: {
  option: (narrow: boolean) => ChartOption;
  height: (narrow: boolean) => number;
  /** Accessible name of the chart (role img); the table next to it carries the values. */
  label: string;
  describedBy?: string;
  testId?: string;
}) {
  const x = useAssessmentTexts();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const [narrow, setNarrow] = useState(false);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    try {
      const c = echarts.init(node, undefined, { renderer: 'svg' });
      chart.current = c;
      setNarrow(node.clientWidth < NARROW_PX);
      const ro = new ResizeObserver(() => {
        setNarrow(node.clientWidth < NARROW_PX);
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

  const h = height(narrow);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option(narrow), { notMerge: true });
    c.resize();
    setDrawn(true);
  }, [option, narrow, h]);

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
