// ECharts pieces of the 驾驶舱, tree-shaken: bar charts only, canvas renderer.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export function Chart({ option, height = 320, label }: { option: EChartsOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%' }} />
    </div>
  );
}

/** Short label for an axis: long plan titles and department names are cut with an ellipsis. */
export function shortLabel(text: string, max = 10): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Text for HTML that ECharts inserts as markup (a tooltip `formatter` returns HTML): every value
 * from the data (department names, plan titles: typed by users or taken from uploaded documents)
 * goes through here, so `<img src=x onerror=…>` in a name shows as text and creates no element.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
