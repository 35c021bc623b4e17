import { describe, expect, it } from 'vitest'
import { checkPassword, passwordClasses, PASSWORD_POLICY_TEXT } from '@/utils/password'
import { generatePassword } from '@/utils/generate'

describe('checkPassword mirrors the server policy', () => {
  it.each<[string, string | undefined, string | null]>([
    ['', undefined, '请输入密码'],
    ['Ab1!', undefined, '密码至少8位（当前4位）'],
    ['Abcdef1', undefined, '密码至少8位（当前7位）'],
    ['abcdefgh', undefined, '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前1类）'],
    ['abcdefg1', undefined, '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前2类）'],
    ['ABCDEFG1', undefined, '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前2类）'],
    ['abcd efg1', undefined, '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前2类）'],
    ['Abcdefg1', undefined, null],
    ['abcdefg1!', undefined, null],
    ['ABCDEFG1!', undefined, null],
    ['Abcdefg!', undefined, null],
    ['Demo@2026', undefined, null],
    ['密码密码abc1', undefined, null],
    ['Zhang3@2026', 'Zhang3', '密码不得包含用户名'],
    ['Zhang3@2026', 'zhang3', '密码不得包含用户名'],
    ['A1!' + 'a'.repeat(126), undefined, '密码不超过128位'],
    ['A1!' + 'a'.repeat(125), undefined, null],
  ])('%j (user %s) → %s', (pw, user, expected) => {
    expect(checkPassword(pw, user)).toBe(expected)
  })

  it('counts code points, not UTF-16 units', () => {
    expect(checkPassword('𠀀𠀀𠀀Ab1', undefined)).toBe('密码至少8位（当前6位）')
  })

  it('counts classes', () => {
    expect(passwordClasses('aA1!')).toBe(4)
    expect(passwordClasses('    ')).toBe(0)
    expect(passwordClasses('汉字')).toBe(1)
  })

  it('states the policy as the brief words it', () => {
    expect(PASSWORD_POLICY_TEXT).toBe('至少8位，包含大写字母、小写字母、数字、特殊字符中的至少三类，且不得与最近5次使用过的密码相同')
  })

  it('generates passwords that pass', () => {
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword()
      expect(pw).toHaveLength(12)
      expect(checkPassword(pw)).toBeNull()
    }
  })
})
