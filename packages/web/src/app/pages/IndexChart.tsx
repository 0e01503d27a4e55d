/**
 * The index history as a line chart (ECharts), in its own module so the operation index page loads
 * it — and ECharts' line chart with it — only when it is shown (React.lazy in Index.tsx).
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { IndexRow } from '../insight.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function IndexChart({
  rows,
  labels,
}: {
  rows: readonly IndexRow[];
  labels: readonly string[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const line = (name: string, pick: (r: IndexRow) => number) => ({
      name,
      type: 'line' as const,
      data: rows.map((r) => pick(r) / 10),
    });
    chart.setOption({
      // Drawn at once: animated, a resize (a phone turned) redraws the lines from the left for a while.
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 36, right: 12, top: 16, bottom: 56 },
      color: ['#c8161d', '#f5a623', '#1677ff', '#389e0d'],
      xAxis: { type: 'category', data: rows.map((r) => r.period) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        line(labels[0]!, (r) => r.overall),
        line(labels[1]!, (r) => r.people),
        line(labels[2]!, (r) => r.items),
        line(labels[3]!, (r) => r.links),
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows, labels]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} data-testid="index-chart" />;
}
