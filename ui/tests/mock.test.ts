// The browser mock behaves like the shell for the case work the UI does: list items added and
// edited through case_update, and attachments added and opened.

import { describe, expect, it } from 'vitest';
import { mockBackend } from '../mock/backend';
import type { CaseDoc } from '../src/types';

const unlocked = () => mockBackend(new URLSearchParams('mock=unlocked&cases=0'));

describe('mock backend', () => {
  it('adds a party with a person of its own, and edits only the keys given', async () => {
    const call = unlocked();
    await call('case_update', { id: 'maria', doc: { witnesses: [{ first_name: 'Agus' }], perpetrators: [{ id: 'pt-x1', role_details: 'Calo' }] } });
    const doc = (await call('case_get', { id: 'maria' })) as CaseDoc;
    expect(doc.witnesses?.map((w) => w.first_name)).toEqual(['Yohanes', 'Agus']);
    expect(doc.witnesses?.[1].id).toBeTruthy();
    expect(doc.witnesses?.[1].person_id).toBeTruthy();
    expect(doc.perpetrators?.[0]).toMatchObject({ id: 'pt-x1', first_name: 'Anton', role_in_process: ['Recruiter'], role_details: 'Calo' });
  });

  it('refuses an item id the case does not have, changing nothing', async () => {
    const call = unlocked();
    await expect(call('case_update', { id: 'maria', doc: { status: 'Closed', events: [{ id: 'nope', place: 'X' }] } })).rejects.toMatchObject({
      code: 'invalid_record',
      fields: [{ field: 'events[0].id' }],
    });
    expect(((await call('case_get', { id: 'maria' })) as CaseDoc).status).toBe('Active');
  });

  it('gives the items of a new case ids, so that they can be edited later', async () => {
    const call = unlocked();
    const created = (await call('case_create', {
      doc: { victim: { first_name: 'Siti' }, intake: { date: '2024-01-02' }, services: [{ type: 'Shelter' }], family_contacts: [{ first_name: 'Ani' }] },
    })) as { id: string };
    const doc = (await call('case_get', { id: created.id })) as CaseDoc;
    expect(doc.services?.[0].id).toBeTruthy();
    expect(doc.family_contacts?.[0].person_id).toBeTruthy();
  });

  it('stores an added attachment on the case and opens it', async () => {
    const call = unlocked();
    const id = (await call('attachment_add', { caseId: 'maria', path: '/home/petugas/foto paspor.JPG', description: 'Paspor' })) as string;
    const doc = (await call('case_get', { id: 'maria' })) as CaseDoc;
    expect(doc.attachments?.find((a) => a.id === id)).toMatchObject({ name: 'foto paspor.JPG', mime: 'image/jpeg', description: 'Paspor' });
    await expect(call('attachment_open', { id })).resolves.toBeNull();
    await expect(call('attachment_open', { id: 'nope' })).rejects.toMatchObject({ code: 'attachment_not_found' });
    await expect(call('attachment_add', { caseId: 'maria', path: '/media/usb/hilang.pdf', description: null })).rejects.toMatchObject({ code: 'io' });
  });
});
