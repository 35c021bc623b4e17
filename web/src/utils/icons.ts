import type { Component } from 'vue'
import * as MENU_ICONS from './menu-icons'

const ICONS: Record<string, Component> = MENU_ICONS

/** The icon a server menu names, or Menu when it is not one of the bundled ones. */
export function menuIcon(name: string | undefined | null): Component {
  return (name && ICONS[name]) || MENU_ICONS.Menu
}
