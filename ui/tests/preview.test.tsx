// The browser preview end to end: the whole app over the mock backend, as `npm run dev:mock`
// shows it, through the worklist into a case and its plans and assessments, the organisation
// directory, the conflicts and the duplicates.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockBackend } from '../mock/backend';
import { setBackend } from '../src/api';
import { App } from '../src/app';
import { setLang } from '../src/i18n';
import { closeRoot, openRoot } from './app';
import { clickIn, typeIn } from './dom';

let root: HTMLElement;

beforeEach(() => {
  setLang('id');
  localStorage.clear();
  root = openRoot();
});

afterEach(() => {
  closeRoot(root);
});

/** Waits (the mock answers after a short delay) until `selector` finds an element; returns it. */
async function until(selector: string, ms = 3000): Promise<Element> {
  const end = Date.now() + ms;
  for (;;) {
    const el = root.querySelector(selector);
    if (el) return el;
    if (Date.now() > end) throw new Error(`no ${selector}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

/** Waits until the element `selector` finds says `text`. */
async function untilText(selector: string, text: string, ms = 3000) {
  const end = Date.now() + ms;
  while (root.querySelector(selector)?.textContent !== text) {
    if (Date.now() > end) throw new Error(`${selector} says ${root.querySelector(selector)?.textContent}, not ${text}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

/** Clicks `selector` once it is there. */
async function press(selector: string) {
  await until(selector);
  await clickIn(root, selector);
}

describe('the mock preview', () => {
  it('goes from the worklist to the work, and the count follows', async () => {
    setBackend(mockBackend(new URLSearchParams('mock=unlocked&cases=0')));
    await act(async () => {
      render(<App />, root);
    });
    // Maria's visit, plan, two assessments, the referral to decide, two conflicts and a duplicate.
    expect((await until('#nav-tasks-count')).textContent).toBe('8');

    await press('#nav-tasks');
    await press('#task-conflict-0 .task-open');
    expect((await until('.conflict-item header strong')).textContent).toBe('Isian: Korban — Nomor telepon');
    expect(root.querySelectorAll('.conflict-item')[1].querySelector('strong')?.textContent).toBe('Isian: Saksi — Tanggal lahir');
    await typeIn(root, 'conflict-0-value', '081277776666');
    await press('#conflict-0-save');
    await until('.content-conflicts [role="status"]');
    await untilText('#nav-tasks-count', '7');

    await press('#nav-tasks');
    const approval = await until('#task-approval_waiting-0 .task-open');
    expect(approval.textContent).toBe('6503-2019-0001');
    await press('#task-approval_waiting-0 .task-open');
    await press('.assessment-item[data-id="as2"] .assessment-approve');
    expect((await until('#assessment-approved')).textContent).toContain('Penilaian 2 disetujui');
    expect(await until('.assessment-item[data-id="as2"] .approval.approved')).toBeTruthy();
    await untilText('#nav-tasks-count', '6');

    await press('#nav-organisations');
    await press('#org-add');
    await typeIn(root, 'org-name', 'Yayasan Sanggar Suara Perempuan');
    const type = root.querySelector<HTMLSelectElement>('#org-type');
    await act(async () => {
      if (type) type.value = 'NGO';
      type?.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await press('#org-save');
    expect((await until('#org-message')).textContent).toContain('Yayasan Sanggar Suara Perempuan');
    expect(await until('.org-row .org-edit')).toBeTruthy();
  });
});
