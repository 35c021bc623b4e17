// What the dashboard's target cards say, from the numbers: progress, the honest projection,
// and whether the target is at risk.
import type { Dashboard, TargetView } from '@/api/alliance'

export function targetLine(t: TargetView): string {
  if (t.level === 'district') return `${t.met} / ${t.total} 个区县已组建（截至 ${t.due_on} 组建的计入）`
  return `${t.met} / ${t.total} 所已覆盖，目标 ${t.needed} 所（${t.share_pct}%）`
}

export function projectionLine(d: Dashboard, t: TargetView): string {
  const p = t.projection
  if (t.level === 'district') {
    const late = d.districts.filter((r) => r.id > 0 && !(r.formed_since && r.formed_since <= t.due_on))
    if (!late.length) return '已达到目标'
    const names = late.map((r) => r.name.replace('教育局', '')).join('、')
    return t.due_on < d.as_of ? `未按期组建：${names}` : `尚未组建：${names}`
  }
  if (!p) return t.due_on < d.as_of ? '已过截止日期' : ''
  if (p.reached) return '已达到目标'
  const pace = p.pace12 ?? p.pace6
  if (pace == null) return `还需 ${t.needed - t.met} 所；月度数据不足3个月，暂不预测`
  const parts = [`近${p.pace12 != null ? 12 : 6}个月平均每月新增 ${pace.toFixed(1)} 所`]
  if (p.projected != null) parts.push(`按此速度到 ${t.due_on} 约 ${Math.round(p.projected)} 所`)
  if (p.required != null) parts.push(`要按期达到，每月需新增 ${p.required.toFixed(1)} 所`)
  return parts.join('；')
}

/** At risk: a district missing its alliance, or a school target the present pace will not reach. */
export function behind(t: TargetView): boolean {
  if (t.level === 'district') return t.met < t.total
  const p = t.projection
  return !!p && !p.reached && p.projected != null && p.projected < t.needed
}
