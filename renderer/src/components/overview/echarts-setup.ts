/** Registers only the ECharts parts the Overview draws, keeping the bundle small. */
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

use([CanvasRenderer, PieChart, BarChart, TooltipComponent, LegendComponent, GridComponent]);
