// What the screen tests share: a fake backend that records the commands it is sent, and the
// waits and clicks that let Preact finish rendering in jsdom.

import { act } from 'preact/test-utils';
import type { Backend } from '../src/api';
import CAPABILITIES from '../mock/capabilities.json';
import type { Capabilities, Role } from '../src/types';

export type Call = { cmd: string; args?: Record<string, unknown> };
export type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

/** A backend answering from `handlers`, recording every call into `calls`. */
export function fakeBackend(calls: Call[], handlers: Handlers): Backend {
  return async (cmd, args) => {
    calls.push({ cmd, args });
    const h = handlers[cmd];
    if (!h) throw { code: 'unknown', message: `no ${cmd}`, fields: [] };
    return h(args ?? {});
  };
}

/** Lets pending promises, effects and timers run a few rounds. */
export async function flush() {
  for (let i = 0; i < 5; i += 1) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

/** Clicks the element `selector` finds under `root` and waits for the screen to settle. */
export async function clickIn(root: HTMLElement, selector: string) {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    el.click();
  });
  await flush();
}

/** Types `value` into the input `#id` under `root`, as a person would. */
export async function typeIn(root: HTMLElement, id: string, value: string) {
  const el = root.querySelector<HTMLInputElement>(`#${id}`);
  if (!el) throw new Error(`no #${id}`);
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Chooses `value` in the select `selector` finds under `root`. */
export async function chooseIn(root: HTMLElement, selector: string, value: string) {
  const el = root.querySelector<HTMLSelectElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** What the unlocked shell asks for when it opens, answered as for an empty store. */
export function emptyShellHandlers(lists: unknown = {}): Handlers {
  return {
    code_lists: () => lists,
    trust_list: () => [],
    regions: () => [],
    dashboard: () => ({
      by_month: [],
      by_exploitation: [],
      by_country: [],
      by_referral_status: [],
      followups_due: 0,
      followups_overdue: 0,
      total_cases: 0,
      children: 0,
    }),
    case_list: () => ({ count: 0, cases: [] }),
  };
}

/** What the core sends for a role (ui/mock/capabilities.json is its table, checked by a core test). */
export function capabilitiesOf(role: Role | null): Capabilities | null {
  return (CAPABILITIES as unknown as Capabilities[]).find((c) => c.role === role) ?? null;
}
