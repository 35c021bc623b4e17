import { describe, expect, it } from 'vitest'
import type { Dashboard, DistrictCoverage, TargetView } from '@/api/alliance'
import { behind, projectionLine, targetLine } from '@/views/alliance/dashboard/text'
import { trendOption } from '@/views/alliance/dashboard/charts'
import { percent, todayBeijing } from '@/views/alliance/labels'

const district = (id: number, name: string, formed: string | null): DistrictCoverage => ({
  id, name, schools: 10, covered: 5, preparing: 1, alliance_id: formed ? id : 0, alliance_status: formed ? 'formed' : '',
  formed_since: formed, activities: { activities: 0, reached: 0 }, by_linkage: [],
})
const schoolTarget = (p: Partial<NonNullable<TargetView['projection']>>, met = 40, needed = 50): TargetView => ({
  level: 'school', label: '', due_on: '2027-12-31', source: '', share_pct: 50, total: 100, met, needed,
  projection: { months_left: 12, reached: false, pace6: null, pace12: null, projected: null, required: null, ...p },
})
const board = (districts: DistrictCoverage[], targets: TargetView[] = []): Dashboard => ({
  as_of: '2026-12-03', kind: 'city', unit_id: 1, name: '济南市教育局', schools: 100, covered: 40, preparing: 0,
  city: { schools: 100, covered: 40 }, districts, targets, trend: [{ date: '2026-10-31', covered: 30 }, { date: '2026-11-30', covered: 35 }, { date: '2026-12-03', covered: 40 }],
  measures: [], linkages: [], by_month: [], idle_measures: [],
  walk_coverage: { schools: 0, without_sports: 0, without_study: 0, mode: 'network' },
})

describe('教联体 dashboard text', () => {
  it('names the districts that missed the district target', () => {
    const t: TargetView = { level: 'district', label: '', due_on: '2025-12-31', source: '', share_pct: 100, total: 3, met: 1, needed: 3 }
    const d = board([district(2, '历下区教育局', '2025-03-01'), district(3, '钢城区教育局', '2026-01-27'), district(4, '莱芜区教育局', null), district(-1, '市直属学校', null)])
    expect(projectionLine(d, t)).toBe('未按期组建：钢城区、莱芜区')
    expect(behind(t)).toBe(true)
    expect(targetLine(t)).toBe('1 / 3 个区县已组建（截至 2025-12-31 组建的计入）')
  })
  it('says honestly when there is too little data to project', () => {
    expect(projectionLine(board([]), schoolTarget({}))).toBe('还需 10 所；月度数据不足3个月，暂不预测')
  })
  it('projects at the 12-month pace and gives the rate needed', () => {
    const t = schoolTarget({ pace6: 3, pace12: 1.25, projected: 55, required: 0.83 })
    expect(projectionLine(board([]), t)).toBe('近12个月平均每月新增 1.3 所；按此速度到 2027-12-31 约 55 所；要按期达到，每月需新增 0.8 所')
    expect(behind(t)).toBe(false)
    expect(behind(schoolTarget({ pace6: 0.5, projected: 46, required: 0.83 }))).toBe(true)
    expect(projectionLine(board([]), schoolTarget({ reached: true }, 60))).toBe('已达到目标')
  })
  it('draws the projection from the last month to the due date', () => {
    const t = schoolTarget({ pace6: 5, projected: 100.4, required: 1 })
    const o = trendOption(board([], [t])) as { xAxis: { data: string[] }; series: { data: (number | null)[] }[] }
    expect(o.xAxis.data).toEqual(['2026-10', '2026-11', '2026-12', '2027-12'])
    expect(o.series[1]!.data).toEqual([null, null, 40, 100])
  })
  it('formats shares and Beijing dates', () => {
    expect(percent(1, 3)).toBe('33.3%')
    expect(percent(1, 0)).toBe('—')
    expect(todayBeijing(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01')
  })
})
