// The organisation directory and the worklist, rendered in jsdom against a fake backend: the
// directory with its search, adding an organisation and changing one of this district's; the
// Tugas screen grouped by kind with a way to each task; the count beside "Tugas" in the
// navigation, asked again on every navigation.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import CODE_LISTS from '../mock/code-lists.json';
import { setBackend } from '../src/api';
import type { AppContext } from '../src/context';
import { getLang, setLang } from '../src/i18n';
import { filterOrganisations, organisationDoc, organisationFromDoc } from '../src/organisations';
import type { Route } from '../src/routes';
import { OrganisationsScreen } from '../src/screens/Organisations';
import { taskRoute, TasksScreen, taskTotal } from '../src/screens/Tasks';
import { Shell } from '../src/shell';
import type { Organisation, Role, Task, Worklist } from '../src/types';
import { appContext, boundTo, eachScreen, statusAs } from './app';
import { type Call, emptyShellHandlers, fakeBackend, type Handlers } from './dom';

const directory = (): Organisation[] => [
  {
    id: 'org-lbh', name: 'LBH APIK Kalimantan Utara', type: 'LegalService', province: '65', regency: null, address: null,
    phone: '0811 5432 100', services: ['Legal'], notes: null, ours: true, cases: 0, licence_number: null,
  },
  {
    id: 'org-rptc', name: 'RPTC Nunukan', type: 'Rptc', province: '65', regency: '65.03', address: 'Jl. Tien Soeharto',
    phone: null, services: ['Shelter', 'Psychosocial'], notes: null, ours: true, cases: 12, licence_number: null,
  },
  {
    id: 'org-uptd', name: 'UPTD PPA Timor Tengah Utara', type: 'UptdPpa', province: '53', regency: '53.03', address: null,
    phone: null, services: ['Reintegration'], notes: null, ours: false, cases: 1, licence_number: null,
  },
];

let root: HTMLElement;
let calls: Call[];
let went: Route[];

const { mount, mountIn, type, choose, click, text } = boundTo(() => root);

/** The context of the directory for `role`, knowing two districts and two regencies by name, recording where it went. */
const context = (role: Role = 'Coordinator'): AppContext =>
  appContext(role, {
    lang: getLang(),
    route: { name: 'organisations' },
    navigate: (r) => void went.push(r),
    districtName: (code) => ({ '65.03': 'Kabupaten Nunukan', '53.03': 'Kabupaten Timor Tengah Utara' })[code] ?? null,
    regions: [
      { code: '65.03', name: 'Kabupaten Nunukan' },
      { code: '65.04', name: 'Kabupaten Tana Tidung' },
    ],
  });

async function showScreen(node: preact.ComponentChild, handlers: Handlers, role: Role = 'Coordinator') {
  setBackend(fakeBackend(calls, handlers));
  await mountIn(context(role), node);
}

eachScreen(CODE_LISTS, (el) => {
  root = el;
  calls = [];
  went = [];
});

describe('organisation forms', () => {
  it('sends what was filled in for a new organisation, and only what changed for an existing one', () => {
    const f = organisationFromDoc(undefined);
    expect(organisationDoc(f)).toBeNull();
    f.name = ' Yayasan Sanggar Suara Perempuan ';
    f.type = 'NGO';
    f.services = ['Psychosocial'];
    expect(organisationDoc(f)).toEqual({ name: 'Yayasan Sanggar Suara Perempuan', type: 'NGO', services: ['Psychosocial'] });

    const rptc = directory()[1];
    const g = organisationFromDoc(rptc);
    expect(organisationDoc(g, rptc)).toBeNull();
    g.address = '';
    g.services = ['Shelter'];
    g.phone = '0556 21234';
    expect(organisationDoc(g, rptc)).toEqual({ address: null, services: ['Shelter'], phone: '0556 21234' });
  });

  it('finds organisations by words of their name, in any order', () => {
    expect(filterOrganisations(directory(), 'nunukan rptc').map((o) => o.id)).toEqual(['org-rptc']);
    expect(filterOrganisations(directory(), 'ppa').map((o) => o.id)).toEqual(['org-uptd']);
    expect(filterOrganisations(directory(), '  ')).toHaveLength(3);
  });
});

describe('OrganisationsScreen', () => {
  it('shows the directory with type, region, services and cases, and narrows it by name', async () => {
    await showScreen(<OrganisationsScreen />, { organisation_list: directory });
    expect(text('#screen-title')).toBe('Organisasi');
    const rows = [...root.querySelectorAll('.org-row')];
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['org-lbh', 'org-rptc', 'org-uptd']);
    const cells = [...rows[1].querySelectorAll('td')].map((c) => c.textContent);
    expect(cells[0]).toContain('RPTC Nunukan');
    expect(cells[0]).toContain('Ditambahkan daerah ini');
    expect(cells.slice(1, 5)).toEqual([
      'RPTC (Rumah Perlindungan Trauma Center)',
      'Kabupaten Nunukan (65.03)',
      'Rumah aman / penampungan, Dukungan psikososial',
      '12',
    ]);
    // Without a kabupaten/kota, the province.
    expect(rows[0].querySelectorAll('td')[2].textContent).toBe('Kalimantan Utara');
    // Only this district's organisations can be changed here.
    expect(rows.map((r) => !!r.querySelector('.org-edit'))).toEqual([true, true, false]);

    await type('org-search', 'timor');
    expect([...root.querySelectorAll('.org-row')].map((r) => r.getAttribute('data-id'))).toEqual(['org-uptd']);
    await type('org-search', 'bakery');
    expect(text('.empty')).toBe('Tidak ada organisasi dengan nama itu.');
  });

  it('adds an organisation after checking the name and type, and reloads the directory', async () => {
    await showScreen(<OrganisationsScreen />, { organisation_list: directory, organisation_create: () => 'org-new' });
    await click('#org-add');
    expect(document.activeElement?.id).toBe('org-name');
    await click('#org-save');
    expect([...root.querySelectorAll('.field-error')].map((e) => e.getAttribute('data-field'))).toEqual(['name', 'type']);
    expect(calls.some((c) => c.cmd === 'organisation_create')).toBe(false);

    await type('org-name', 'Yayasan Sanggar Suara Perempuan');
    await choose('#org-type', 'NGO');
    await choose('#org-province', '65');
    await type('org-regency', 'tana tidung');
    await act(async () => {
      root.querySelector('#org-regency')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await click('#org-service-Psychosocial');
    await click('#org-service-Legal');
    await type('org-phone', '0556 999');
    await click('#org-save');

    expect(calls.find((c) => c.cmd === 'organisation_create')?.args).toEqual({
      doc: { name: 'Yayasan Sanggar Suara Perempuan', type: 'NGO', province: '65', regency: '65.04', phone: '0556 999', services: ['Psychosocial', 'Legal'] },
    });
    expect(text('#org-message')).toBe('Yayasan Sanggar Suara Perempuan ditambahkan ke daftar organisasi.');
    expect(root.querySelector('#org-form')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'organisation_list')).toHaveLength(2);
  });

  it('changes one of this district\'s organisations, sending only what changed, and shows a refusal', async () => {
    let refuse = false;
    await showScreen(<OrganisationsScreen />, {
      organisation_list: directory,
      organisation_update: () => {
        if (refuse) {
          throw { code: 'invalid_record', message: 'Data tidak disimpan karena ada isian yang salah:', fields: [{ field: 'services[0]', message: 'kode tidak dikenal' }] };
        }
        return 2;
      },
    });
    await click('.org-row[data-id="org-rptc"] .org-edit');
    expect(text('#org-form h2')).toBe('Ubah data RPTC Nunukan');
    expect(root.querySelector<HTMLInputElement>('#org-regency')?.value).toBe('Kabupaten Nunukan (65.03)');
    await type('org-phone', '0556 21234');
    await click('#org-service-Psychosocial');
    await click('#org-save');
    expect(calls.find((c) => c.cmd === 'organisation_update')?.args).toEqual({ id: 'org-rptc', doc: { phone: '0556 21234', services: ['Shelter'] } });
    expect(text('#org-message')).toBe('Tersimpan (2 perubahan).');

    refuse = true;
    await click('.org-row[data-id="org-lbh"] .org-edit');
    await click('#org-service-Shelter');
    await click('#org-save');
    expect(text('.field-error[data-field="services"]')).toBe('kode tidak dikenal');
    expect(root.querySelector('#org-form')).not.toBeNull();
  });

  it('lets a read-only operator read the directory without adding or changing', async () => {
    await showScreen(<OrganisationsScreen />, { organisation_list: directory }, 'ReadOnly');
    expect(root.querySelectorAll('.org-row')).toHaveLength(3);
    expect(root.querySelector('#org-add, .org-edit')).toBeNull();
  });
});

const task = (kind: Task['kind'], n: number, date: string | null = null): Task => ({
  kind,
  case_id: `c${n}`,
  case_number: `6503-2019-000${n}`,
  date,
  item: `i${n}`,
});

const worklist = (): Worklist => ({
  tasks: [
    task('visit_overdue', 1, '2025-11-01'),
    task('visit_overdue', 2, '2025-12-01'),
    task('visit_due', 1, '2025-12-28'),
    task('referral_waiting', 3),
    task('plan_overdue', 1, '2025-06-30'),
    task('assessment_due', 4, '2025-12-30'),
    task('approval_waiting', 4, '2025-09-22'),
    task('conflict', 1),
    task('duplicate', 5),
  ],
  counts: [
    ['visit_overdue', 2],
    ['visit_due', 1],
    ['referral_waiting', 1],
    ['plan_overdue', 1],
    ['assessment_due', 1],
    ['approval_waiting', 1],
    ['conflict', 1],
    ['duplicate', 1],
  ],
});

describe('TasksScreen', () => {
  it('opens each task where it is done', () => {
    expect(taskRoute(task('visit_due', 1))).toEqual({ name: 'case', id: 'c1', section: 'sec-followups' });
    expect(taskRoute(task('visit_overdue', 1))).toEqual({ name: 'case', id: 'c1', section: 'sec-followups' });
    expect(taskRoute(task('plan_overdue', 1))).toEqual({ name: 'case', id: 'c1', section: 'sec-plans' });
    expect(taskRoute(task('assessment_due', 1))).toEqual({ name: 'case', id: 'c1', section: 'sec-assessments' });
    expect(taskRoute(task('approval_waiting', 1))).toEqual({ name: 'case', id: 'c1', section: 'sec-assessments' });
    expect(taskRoute(task('referral_waiting', 1))).toEqual({ name: 'referrals' });
    expect(taskRoute(task('conflict', 1))).toEqual({ name: 'conflicts' });
    expect(taskRoute(task('duplicate', 1))).toEqual({ name: 'duplicates' });
    expect(taskTotal(worklist())).toBe(9);
  });

  it('groups the tasks by kind under headings, each row with its case number and date', async () => {
    await showScreen(<TasksScreen />, { worklist });
    expect(text('#screen-title')).toBe('Tugas');
    const headings = [...root.querySelectorAll('.task-group h2')].map((h) => h.textContent);
    expect(headings).toEqual([
      'Kunjungan pemantauan terlambat 2',
      'Kunjungan pemantauan dalam 14 hari 1',
      'Rujukan menunggu keputusan daerah ini 1',
      'Rencana lewat tanggal selesai 1',
      'Penilaian yang perlu diulang 1',
      'Penilaian kepentingan terbaik anak menunggu persetujuan 1',
      'Konflik data untuk ditinjau 1',
      'Kemungkinan orang yang sama untuk ditinjau 1',
    ]);
    expect(text('#task-visit_overdue-0')).toBe('6503-2019-0001jadwal 1 November 2025');
    expect(text('#task-plan_overdue-0')).toBe('6503-2019-0001rencana selesai 30 Juni 2025');
    expect(text('#task-referral_waiting-0')).toBe('6503-2019-0003');
    expect(root.querySelector('#task-approval_waiting-0 .task-open')?.getAttribute('aria-label')).toBe(
      'Buka kasus 6503-2019-0004: Penilaian kepentingan terbaik anak menunggu persetujuan',
    );

    await click('#task-visit_overdue-1 .task-open');
    await click('#task-approval_waiting-0 .task-open');
    await click('#task-duplicate-0 .task-open');
    expect(went).toEqual([
      { name: 'case', id: 'c2', section: 'sec-followups' },
      { name: 'case', id: 'c4', section: 'sec-assessments' },
      { name: 'duplicates' },
    ]);
  });

  it('speaks English, and says when nothing waits', async () => {
    setLang('en');
    await showScreen(<TasksScreen />, { worklist });
    expect(text('#tasks-visit_due')).toBe('Follow-up visits in the next 14 days 1');
    expect(text('#task-visit_due-0')).toBe('6503-2019-0001due 28 December 2025');
    render(null, root);
    setLang('id');
    await showScreen(<TasksScreen />, { worklist: () => ({ tasks: [], counts: [] }) });
    expect(text('.empty')).toBe('Tidak ada tugas yang menunggu.');
  });
});

describe('Shell and the worklist', () => {
  it('shows the number of tasks beside "Tugas", asks again on every navigation, and opens the case at the section', async () => {
    let list = worklist();
    const caseDoc = { id: 'c2', case_number: '6503-2019-0002', district: '65.03', victim: { first_name: 'Siti' }, followups: [{ id: 'f1', due_date: '2025-12-01', status: 'Planned' }] };
    setBackend(
      fakeBackend(calls, {
        ...emptyShellHandlers(CODE_LISTS),
        alerts_open_count: () => 0,
        worklist: () => list,
        case_get: () => caseDoc,
        referral_list: () => [],
        organisation_list: () => [],
      }),
    );
    await mount(<Shell status={statusAs('Coordinator')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    const nav = [...root.querySelectorAll('.sidenav button')].map((b) => b.id);
    expect(nav.indexOf('nav-tasks')).toBe(nav.indexOf('nav-dashboard') + 1);
    expect(nav).toContain('nav-organisations');
    expect(text('#nav-tasks-count')).toBe('9');
    expect(text('#nav-tasks')).toBe('Tugas9, 9 tugas menunggu');
    const asked = () => calls.filter((c) => c.cmd === 'worklist').length;
    const before = asked();

    await click('#nav-tasks');
    expect(root.querySelector('#nav-tasks')?.getAttribute('aria-current')).toBe('page');
    expect(asked()).toBeGreaterThan(before);

    // A task opens its case, scrolled to its section, whose heading takes the focus.
    list = { tasks: list.tasks.slice(2), counts: list.counts.slice(1) };
    await click('#task-visit_overdue-1 .task-open');
    expect(text('#case-number')).toBe('6503-2019-0002');
    expect(document.activeElement?.id).toBe('sec-followups-title');
    expect(text('#nav-tasks-count')).toBe('7');
  });

  it('shows no number when nothing waits', async () => {
    setBackend(fakeBackend(calls, { ...emptyShellHandlers(), alerts_open_count: () => 0, worklist: () => ({ tasks: [], counts: [] }) }));
    await mount(<Shell status={statusAs('ShelterStaff')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(text('#nav-tasks')).toBe('Tugas');
    expect(root.querySelector('#nav-tasks-count')).toBeNull();
  });
});
