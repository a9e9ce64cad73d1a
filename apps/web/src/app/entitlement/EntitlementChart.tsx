/**
 * ECharts host of the entitlement page (bars of demand and places; the gap map from GeoJSON). SVG
 * renderer; the chart is an image with a name, its values stand in the table next to it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, MapChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Register a GeoJSON feature collection as a map (ids in `properties.areaId`). */
export function registerGeoJson(name: string, geojson: unknown): void {
  echarts.registerMap(name, geojson as Parameters<typeof echarts.registerMap>[1]);
}

export default function EntitlementChart({
  option,
  height,
  label,
  testId,
}: {
  option: Record<string, unknown>;
  height: number;
  label: string;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid={testId}
      className="ent-chart"
      style={{ height, width: '100%' }}
    />
  );
}
