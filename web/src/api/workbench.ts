import { http } from './http'

/** One number of a 工作台 card; `link` opens the list behind it. */
export interface WorkbenchFigure {
  label: string
  value: string
  link: string
  tone: '' | 'warning' | 'danger' | 'success'
}
/** What one module shows the person about their active unit. */
export interface WorkbenchCard {
  key: string
  title: string
  figures: WorkbenchFigure[]
  notes: string[]
  link: string
}
export const getWorkbench = () => http.get<{ cards: WorkbenchCard[] }>('/workbench', undefined, { silent: true })

/** What the page says when no module has anything for the unit: honest about what is coming. */
export function emptyWorkbenchText(unitType: string | null | undefined): string {
  switch (unitType) {
    case 'department':
      return '目前没有需要本部门办理的事项。合作单位记录的活动需要本部门确认、本部门负责的会商事项，会显示在这里；平台不要求打卡、填报条数。'
    case 'school':
    case 'district_bureau':
    case 'city_bureau':
      return '目前没有待办事项。有征集活动开放、案例被退回或需要初评时，会显示在这里。'
    default:
      return '目前没有需要本单位办理的事项。本单位组织的活动可在“教联体工作 → 活动记录”中记录一次；合作单位记录的活动需要确认、会商事项到期时会显示在这里。'
  }
}
