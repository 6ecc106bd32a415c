// What the screen tests share around the app itself: the status and AppContext of an unlocked
// store, the element each test renders into, and the mounting, typing, choosing and clicking
// bound to that element.

import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';
import { setCodeLists } from '../src/codes';
import { type AppContext, Ctx } from '../src/context';
import { setLang } from '../src/i18n';
import type { AppStatus, CodeLists, Role } from '../src/types';
import { capabilitiesOf, chooseIn, clickIn, flush, typeIn } from './dom';

/** The status of an unlocked store in Kabupaten Nunukan (65.03) whose operator works in `role`. */
export function statusAs(role: Role, operator = 'Petugas'): AppStatus {
  return { initialised: true, unlocked: true, district: '65.03', district_name: 'Kabupaten Nunukan', operator, role, capabilities: capabilitiesOf(role), lang: 'id', clock_warning: null };
}

/**
 * The context a screen rendered on its own gets: the store of `statusAs(role)` in Indonesian on
 * the dashboard, nothing known or open, every callback doing nothing, unless `overrides` says.
 */
export function appContext(role: Role = 'Coordinator', overrides: Partial<AppContext> = {}): AppContext {
  return {
    status: statusAs(role),
    lang: 'id',
    route: { name: 'dashboard' },
    navigate: () => undefined,
    setLanguage: async () => undefined,
    lock: () => undefined,
    districtName: () => null,
    refreshDistricts: () => undefined,
    openAlerts: 0,
    refreshAlerts: () => undefined,
    regions: [],
    openTasks: 0,
    refreshTasks: () => undefined,
    ...overrides,
  };
}

/**
 * A fresh element in the document to render into (for beforeEach), with what jsdom lacks:
 * requestAnimationFrame runs soon (focus moves use it) and scrollIntoView does nothing.
 */
export function openRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  window.requestAnimationFrame = (cb: FrameRequestCallback) => window.setTimeout(() => cb(0), 0);
  Element.prototype.scrollIntoView = () => undefined;
  return root;
}

/** Unmounts what `openRoot` held and takes it out of the document (for afterEach). */
export function closeRoot(root: HTMLElement) {
  render(null, root);
  root.remove();
}

/**
 * Gives every test of the file a fresh screen: before each, Indonesian, `lists` as the code
 * lists and a new root from `openRoot`, handed to `start` (which also resets the file's own
 * records); after each, the root closed.
 */
export function eachScreen(lists: CodeLists, start: (root: HTMLElement) => void) {
  let root: HTMLElement;
  beforeEach(() => {
    setLang('id');
    setCodeLists(lists);
    root = openRoot();
    start(root);
  });
  afterEach(() => closeRoot(root));
}

/**
 * One-line helpers bound to the test's current root (`root()` is read on every call, so the
 * element beforeEach makes is the one used):
 * - `mount(node)` renders `node` and waits for the screen to settle;
 * - `mountIn(ctx, node)` does the same with `node` inside the app context `ctx`;
 * - `type(id, value)` types into the input `#id`;
 * - `choose(selector, value)` chooses in a select;
 * - `click(selector)` clicks and waits;
 * - `text(selector)` is the text of the first match, or null when nothing matches.
 */
export function boundTo(root: () => HTMLElement) {
  const mount = async (node: ComponentChild) => {
    await act(async () => {
      render(node, root());
    });
    await flush();
  };
  return {
    mount,
    mountIn: (ctx: AppContext, node: ComponentChild) => mount(h(Ctx.Provider, { value: ctx }, node)),
    type: (id: string, value: string) => typeIn(root(), id, value),
    choose: (selector: string, value: string) => chooseIn(root(), selector, value),
    click: (selector: string) => clickIn(root(), selector),
    text: (selector: string) => root().querySelector(selector)?.textContent ?? null,
  };
}
