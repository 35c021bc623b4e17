// The ECharts pieces the dashboard uses, registered once (tree-shaken: line and bar charts on
// canvas), and the options built from the dashboard's numbers.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import type { Dashboard } from '@/api/alliance'

use([CanvasRenderer, BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent])

/** Covered schools at each month end, the school targets as lines, and the projection dashed. */
export function trendOption(d: Dashboard) {
  const months = d.trend.map((p) => p.date.slice(0, 7))
  const covered = d.trend.map((p) => p.covered)
  const next = d.targets.find((t) => t.level === 'school' && t.projection && !t.projection.reached) ?? d.targets.find((t) => t.level === 'school')
  const projection: (number | null)[] = covered.map(() => null)
  const axis = [...months]
  if (next?.projection?.projected != null && d.trend.length) {
    projection[projection.length - 1] = covered[covered.length - 1] ?? 0
    axis.push(next.due_on.slice(0, 7))
    projection.push(Math.round(next.projection.projected))
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['已覆盖学校', '按近期速度预计'], bottom: 0 },
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: axis },
    yAxis: { type: 'value', name: '所', max: Math.max(d.schools, 1) },
    series: [
      {
        name: '已覆盖学校',
        type: 'line',
        data: covered,
        markLine: {
          symbol: 'none',
          data: d.targets.filter((t) => t.level === 'school').map((t) => ({ yAxis: t.needed, name: `${t.due_on.slice(0, 4)}年目标`, label: { position: 'insideEndTop', formatter: `${t.due_on.slice(0, 4)}年目标 {c} 所` } })),
        },
      },
      { name: '按近期速度预计', type: 'line', data: projection, connectNulls: true, lineStyle: { type: 'dashed' } },
    ],
  }
}

/** Completed activities per measure, horizontal bars in the plan's order. */
export function measuresOption(d: Dashboard) {
  const rows = [...d.measures].reverse()
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', name: '项' },
    yAxis: { type: 'category', data: rows.map((m) => `${m.code}. ${m.title.slice(0, 12)}`) },
    series: [{ name: '已完成活动', type: 'bar', data: rows.map((m) => m.activities) }],
  }
}

/** Completed activities per month. */
export function monthsOption(d: Dashboard) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: d.by_month.map((m) => m.month) },
    yAxis: { type: 'value', name: '项' },
    series: [{ name: '已完成活动', type: 'bar', data: d.by_month.map((m) => m.activities) }],
  }
}
