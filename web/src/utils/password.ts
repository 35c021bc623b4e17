// Mirrors the server's password policy (server/src/core/auth/password.cpp policy_violation)
// so people see problems while typing; the server decides.

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128
export const PASSWORD_MIN_CLASSES = 3
export const PASSWORD_HISTORY = 5
export const PASSWORD_POLICY_TEXT = '至少8位，包含大写字母、小写字母、数字、特殊字符中的至少三类，且不得与最近5次使用过的密码相同'

/** How many of the four classes (upper, lower, digit, special) the password uses. Spaces count as none. */
export function passwordClasses(pw: string): number {
  let lower = false
  let upper = false
  let digit = false
  let other = false
  for (const ch of pw) {
    if (ch >= 'a' && ch <= 'z') lower = true
    else if (ch >= 'A' && ch <= 'Z') upper = true
    else if (ch >= '0' && ch <= '9') digit = true
    else if (ch > ' ') other = true
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(other)
}

/** null when the password meets the policy, else the Chinese message the server would give. */
export function checkPassword(pw: string, username?: string): string | null {
  if (!pw) return '请输入密码'
  const length = Array.from(pw).length
  if (length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位（当前${length}位）`
  if (length > PASSWORD_MAX_LENGTH) return `密码不超过${PASSWORD_MAX_LENGTH}位`
  const classes = passwordClasses(pw)
  if (classes < PASSWORD_MIN_CLASSES)
    return `密码须包含大写字母、小写字母、数字、特殊字符中的至少${PASSWORD_MIN_CLASSES}类（当前${classes}类）`
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return '密码不得包含用户名'
  return null
}
