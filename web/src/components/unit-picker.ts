/** A unit known by name, so a picker can show it before its branch of the tree is loaded. */
export interface UnitLabel {
  id: number
  name: string
}
