/**
 * ECharts with only what the portal's pie needs, in its own chunk: the portal imports this module
 * lazily so the first script stays light (issue 20: the chart library alone is a third of it).
 */
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
