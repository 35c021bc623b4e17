// Chinese type sizes (字号) and their sizes in points, as Word and WPS name them.
export const ZIHAO: ReadonlyArray<{ name: string; pt: number }> = [
  { name: '初号', pt: 42 },
  { name: '小初', pt: 36 },
  { name: '一号', pt: 26 },
  { name: '小一', pt: 24 },
  { name: '二号', pt: 22 },
  { name: '小二', pt: 18 },
  { name: '三号', pt: 16 },
  { name: '小三', pt: 15 },
  { name: '四号', pt: 14 },
  { name: '小四', pt: 12 },
  { name: '五号', pt: 10.5 },
  { name: '小五', pt: 9 },
]

/** Fonts a call's document format may name (the server accepts exactly these). */
export const DOC_FONTS = ['方正小标宋_GBK', '方正小标宋简体', '黑体', '楷体_GB2312', '楷体', '仿宋_GB2312', '仿宋', '宋体', '微软雅黑']

/** "三号（16磅）" for a named size, else "13磅". */
export function zihaoLabel(pt: number): string {
  const z = ZIHAO.find((x) => x.pt === pt)
  return z ? `${z.name}（${pt}磅）` : `${pt}磅`
}
