import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive, ref } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { ApiError } from '@/api/http'
import { createUser, updateUser } from '@/api/org'
import type { User } from '@/api/types'
import { useFormDialog } from '@/composables/useFormDialog'

vi.mock('@/api/org', () => ({ createUser: vi.fn(), updateUser: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { success: vi.fn(), error: vi.fn() } }))

const FIELDS = ['username', 'display_name', 'memberships']

/** A stand-in for <el-form>: its rules pass unless told otherwise. */
function fakeForm(valid = true) {
  return {
    validate: vi.fn(() => (valid ? Promise.resolve(true) : Promise.reject(new Error('invalid')))),
    clearValidate: vi.fn(),
  }
}

function setup(options: { valid?: boolean; onOpen?: () => void } = {}) {
  const form = fakeForm(options.valid)
  const visible = ref(false)
  const formRef = ref(form as unknown as FormInstance)
  const dialog = useFormDialog(visible, formRef, FIELDS, options.onOpen)
  return { form, visible, formRef, ...dialog }
}

const user = { id: 9, username: 'li' } as User

beforeEach(() => {
  vi.clearAllMocks()
})

describe('useFormDialog', () => {
  it('clears a server message once its field is edited, and only that one', async () => {
    const model = reactive({ username: 'li', display_name: '李', memberships: [{ unit_id: 1 }] })
    const form = { ...fakeForm(), $props: { model } }
    const visible = ref(true)
    const { errors } = useFormDialog(visible, ref(form as unknown as FormInstance), FIELDS)
    await nextTick()
    errors.username = '用户名已存在'
    errors.memberships = '单位不存在'
    model.username = 'li2'
    await nextTick()
    expect(errors.username).toBe('')
    expect(errors.memberships).toBe('单位不存在')
    model.memberships[0]!.unit_id = 2
    await nextTick()
    expect(errors.memberships).toBe('')
  })

  it('has one empty error slot per field', () => {
    const { errors, saving } = setup()
    expect({ ...errors }).toEqual({ username: '', display_name: '', memberships: '' })
    expect(saving.value).toBe(false)
  })

  it('on opening clears last time’s errors and validation marks, then fills the form', async () => {
    const order: string[] = []
    const { form, visible, errors } = setup({ onOpen: () => order.push(`fill (username error "${errors.username}")`) })
    form.clearValidate.mockImplementation(() => order.push('clearValidate'))
    errors.username = '用户名已存在'
    visible.value = true
    await nextTick()
    expect(errors.username).toBe('')
    expect(order).toEqual(['clearValidate', 'fill (username error "")'])

    // Closing does nothing; opening again fills again.
    visible.value = false
    await nextTick()
    visible.value = true
    await nextTick()
    expect(order).toHaveLength(4)
  })

  it('validate is the form’s rules: false when one fails or there is no form yet', async () => {
    expect(await setup().validate()).toBe(true)
    expect(await setup({ valid: false }).validate()).toBe(false)
    const noForm = setup()
    noForm.formRef.value = undefined as unknown as FormInstance
    expect(await noForm.validate()).toBe(false)
  })

  it('on success closes the dialog, then hands over the result; saving lasts until then', async () => {
    vi.mocked(updateUser).mockResolvedValue({ ...user, display_name: '李四' })
    const { visible, saving, errors, save } = setup()
    visible.value = true
    errors.display_name = 'old message'
    let release!: () => void
    const done = vi.fn(() => new Promise<void>((r) => (release = r)))

    const saved = save(() => updateUser(9, { display_name: '李四', phone: '', status: 'active' }), done)
    expect(saving.value).toBe(true)
    expect(errors.display_name).toBe('')
    await vi.waitFor(() => expect(done).toHaveBeenCalled())
    expect(visible.value).toBe(false)
    expect(done.mock.calls[0]).toEqual([{ ...user, display_name: '李四' }])
    expect(saving.value).toBe(true)
    release()
    await saved
    expect(saving.value).toBe(false)
  })

  it('puts the server’s error on the form item it names and keeps the dialog open', async () => {
    vi.mocked(createUser).mockRejectedValue(new ApiError(409, 'user.exists', '用户名已存在', 'username'))
    const { visible, saving, errors, save } = setup()
    visible.value = true
    const done = vi.fn()
    await save(() => createUser({} as never), done)
    expect(errors.username).toBe('用户名已存在')
    expect(visible.value).toBe(true)
    expect(saving.value).toBe(false)
    expect(done).not.toHaveBeenCalled()
    expect(ElMessage.error).not.toHaveBeenCalled()
  })

  it('matches a field inside a list to its form item (memberships[0].unit_id → memberships)', async () => {
    vi.mocked(createUser).mockRejectedValue(new ApiError(422, 'validation', '单位不存在', 'memberships[0].unit_id'))
    const { errors, save } = setup()
    await save(() => createUser({} as never))
    expect(errors.memberships).toBe('单位不存在')
  })

  it('shows an error that names no form item as a message', async () => {
    vi.mocked(createUser).mockRejectedValue(new ApiError(403, 'forbidden', '没有权限执行此操作'))
    const { visible, errors, save } = setup()
    visible.value = true
    await save(() => createUser({} as never))
    expect(ElMessage.error).toHaveBeenCalledWith('没有权限执行此操作')
    expect(Object.values(errors).every((m) => m === '')).toBe(true)
    expect(visible.value).toBe(true)
  })
})
