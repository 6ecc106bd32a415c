// An in-memory stand-in for the Rust shell, for previewing the UI in a plain browser
// (`npm run dev`, or `npm run build:mock`). It is not bundled into the production build.
//
// Query parameters: `?mock=fresh` starts before setup, `?mock=unlocked` starts unlocked,
// anything else starts locked (passphrase: "kata sandi panjang"); `&cases=N` sets how many
// synthetic cases the list holds (default 2000; try 100000); `&role=CaseWorker` (ShelterStaff,
// ReadOnly) starts unlocked as an operator with that role. Each operator unlocks with their own
// passphrase: "kata sandi rina" (case worker), "kata sandi dewi" (shelter staff), "kata sandi
// yosef" (read-only).
//
// A backup path containing "rusak" or "potong" is refused as damaged or cut short, one not
// ending in .lintas-backup as not a backup; restoring needs a fresh start (`?mock=fresh`).
//
// An attachment added from a path containing "hilang" is refused as unreadable; others are kept
// on the case (name and type from the path, a made-up size). Opening one is logged as the shell
// logs it; no file is shown.
//
// Bundle paths containing "rusak", "potong" or "asing" are refused as tampered, incomplete or
// from an untrusted sender, and "palsu" as signed by another district than it names (which
// raises an alert), so that those panels can be seen; a region code list whose path
// contains "rusak" or "hilang" is refused as unreadable, and so is a report folder containing
// "hilang".
//
// A spreadsheet whose path contains "kasus" reads as three rows: two to import, one with a bad
// birthdate, and one victim who may be Maria Taek; importing it adds two cases, and a second
// import of it finds both imported before. A path containing "rusak" is unreadable; any other
// spreadsheet has no column Lintas knows.
//
// The registers (Kegiatan) hold a few activities, a training and two programmes, some from
// Timor Tengah Utara (read-only here). A province roll-up refuses a file whose path contains
// "bukan" (not a figures file), "rusak" (tampered), "asing" (untrusted), "lain" (another
// province), two files of one regency (the same four digits in their names), and files of
// mixed periods ("2023" in some only); a report folder containing "hilang" cannot be written.
//
// The worklist is computed from the cases opened in the mock as of a fixed day, MOCK_TODAY
// (2025-12-20), so that what is due does not change from one day to the next. The region names
// are the provinces of the core's code lists and the 514 kabupaten/kota of
// ui/mock/regencies.json (the core's model/regencies, as the shell sends them).

import type { Backend } from '../src/api';
import CAPABILITIES from './capabilities.json';
import CODE_LISTS from './code-lists.json';
import REGENCIES from './regencies.json';
import { can, canRead, canWrite, type Permission } from '../src/roles';
import type {
  AccessEntry,
  Alert,
  AuditEntry,
  Capabilities,
  Candidate,
  CaseDoc,
  CaseSummary,
  CodeEntry,
  Conflict,
  EntityKind,
  ErasureRequest,
  IpcError,
  IpcFieldError,
  Lang,
  Note,
  Organisation,
  Problem,
  Referral,
  Region,
  Register,
  RegisterEntry,
  ReportingPeriod,
  ReportPeriod,
  ReportView,
  Role,
  SpreadsheetReport,
  Stats,
  Task,
  TaskKind,
  TrustedDevice,
  Worklist,
} from '../src/types';

/** The core's code lists (ui/mock/code-lists.json, written and checked by a core test). */
const LISTS: Record<string, CodeEntry[]> = CODE_LISTS;

const FIRST = ['Maria', 'Yohana', 'Siti', 'Agustina', 'Fransiska', 'Dewi', 'Yohanes', 'Petrus', 'Nur', 'Wati'];
const LAST = ['Taek', 'Bria', 'Manek', 'Seran', 'Nahak', 'Kolo', 'Tefa', 'Lake', 'Ati', 'Bano'];
const EXPL = ['ForcedLabour', 'SexualExploitation', 'ChildLabour', 'Servitude'];
const COUNTRIES = ['MY', 'MY', 'MY', 'SA', 'TW', 'HK', 'KH'];
const STATUSES = ['Active', 'Active', 'FollowUp', 'Closed', 'ClosedReferred'];

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function synthetic(i: number): CaseSummary {
  // Newest first: row 0 has the latest intake date.
  const day = 3650 - Math.floor((i * 3650) / 100000);
  const date = new Date(Date.UTC(2016, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const year = Number(date.slice(0, 4));
  return {
    id: `syn-${i}`,
    case_number: `6503-${year}-${pad(100000 - i, 5)}`,
    district: '65.03',
    status: STATUSES[i % STATUSES.length],
    intake_date: date,
    victim_name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    gender: i % 6 === 0 ? 'Masculine' : 'Feminine',
    is_child: i % 5 === 0,
    trafficking_status: 'PossibleVictimOfTrafficking',
    type_of_exploitation: [EXPL[i % EXPL.length]],
    country_of_exploitation: COUNTRIES[i % COUNTRIES.length],
  };
}

/** What the shell rejects with: a code and the problems of the fields, never words (the UI
 * words them from its catalogue, as it does for the real shell). */
function err(code: IpcError['code'], fields: IpcFieldError[] = []): IpcError {
  return { code, detail: null, fields };
}

/** A value not in a code list, with some of its codes as the core gives them. */
function unknownCode(list: string): Problem {
  return { code: 'unknown_code', list, examples: (LISTS[list] ?? []).slice(0, 3).map((c) => c.code) };
}

/** The recovery key the mock gives at setup and accepts in `recover`. */
const MOCK_RECOVERY_KEY = 'W6YXT-NKZ4K-2PFDK-IPYCM-E7BML-TAH25-WP3B3-KRO5P-LG4B4-NK7E2-IUFHA';

function delay<T>(value: T, ms = 120): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** A key change in the mock: progress in four steps, then what the core reports. */
async function rotateKeys(onProgress: unknown): Promise<unknown> {
  const report = (onProgress as { onmessage?: (percent: number) => void } | undefined)?.onmessage;
  for (const percent of [0, 25, 50, 75, 100]) {
    report?.(percent);
    await delay(null, 40);
  }
  return { pages: 412, need_new_passphrase: [] };
}

/**
 * A long spreadsheet command in the mock: progress in five steps spread over `ms`, then the
 * report (or the refusal `work` throws, before any progress, as the core refuses a file it
 * cannot open).
 */
async function withSheetProgress<T>(onProgress: unknown, ms: number, work: () => T): Promise<T> {
  const result = work();
  const report = (onProgress as { onmessage?: (percent: number) => void } | undefined)?.onmessage;
  for (const percent of [0, 25, 50, 75, 100]) {
    report?.(percent);
    await delay(null, ms / 5);
  }
  return result;
}

/** The day the mock's worklist is computed for (the core takes the laptop's date). */
export const MOCK_TODAY = '2025-12-20';

/** How far ahead a visit or an assessment counts as due, as in the core (worklist::DUE_WITHIN_DAYS). */
const DUE_WITHIN_DAYS = 14;

/** A "YYYY-MM-DD" day moved by a number of days. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The lists of a case document whose items are added (without id) or edited (with id). */
const LIST_KEYS = ['witnesses', 'family_contacts', 'perpetrators', 'events', 'services', 'followups', 'notes', 'plans', 'assessments'] as const;
const PARTY_KEYS = ['witnesses', 'family_contacts', 'perpetrators'] as const;
const isParty = (k: string): boolean => (PARTY_KEYS as readonly string[]).includes(k);

/** A MIME type from a file name, as the shell guesses it. */
function mimeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', txt: 'text/plain' };
  return types[ext] ?? 'application/octet-stream';
}

let uid = 0;
function newId(): string {
  uid += 1;
  return `mock-${Date.now().toString(36)}-${uid}`;
}

export function mockBackend(params: URLSearchParams): Backend {
  const mode = params.get('mock') ?? 'locked';
  let initialised = mode !== 'fresh';
  let unlocked = mode === 'unlocked';
  let lang: Lang = 'id';
  let district = '65.03';
  let districtName = 'Kabupaten Nunukan';
  /** An operator of the mock laptop, with the passphrase the real store keeps as a key slot. */
  interface MockOperator {
    id: string;
    name: string;
    role: Role;
    active: boolean;
    passphrase: string | null;
  }
  const FOUNDER = 'Petugas Shelter';
  let operators: MockOperator[] = [
    { id: 'op-1', name: FOUNDER, role: 'Coordinator', active: true, passphrase: 'kata sandi panjang' },
    { id: 'op-2', name: 'Rina Seran', role: 'CaseWorker', active: true, passphrase: 'kata sandi rina' },
    { id: 'op-3', name: 'Dewi Manek', role: 'ShelterStaff', active: true, passphrase: 'kata sandi dewi' },
    { id: 'op-4', name: 'Yosef Tefa', role: 'ReadOnly', active: true, passphrase: 'kata sandi yosef' },
    // Registered on the district's other laptop: known here, but no passphrase on this one.
    { id: 'op-5', name: 'Maria Kolo', role: 'CaseWorker', active: true, passphrase: null },
    { id: 'op-6', name: 'Agus Bano', role: 'CaseWorker', active: false, passphrase: null },
  ];
  const startAs = operators.find((o) => o.role === params.get('role'));
  let currentId = startAs?.id ?? 'op-1';
  if (startAs) unlocked = initialised;
  const current = (): MockOperator => operators.find((o) => o.id === currentId) ?? operators[0];
  /** The core's table for the operator's role (ui/mock/capabilities.json, kept current by a core test). */
  const caps = (): Capabilities =>
    (CAPABILITIES as unknown as Capabilities[]).find((c) => c.role === current().role) as Capabilities;

  const count = Math.max(0, Math.min(200000, Number(params.get('cases') ?? 2000)));
  let summaries: CaseSummary[] | null = null;
  const rows = () => (summaries ??= Array.from({ length: count }, (_, i) => synthetic(i)));

  const maria: CaseDoc = {
    id: 'maria',
    case_number: '6503-2019-0001',
    district: '65.03',
    status: 'Active',
    trafficking_status: 'PossibleVictimOfTrafficking',
    type_of_exploitation: ['SexualExploitation', 'ForcedLabour'],
    country_of_exploitation: 'MY',
    intake: { date: '2019-09-20', place: 'Pelabuhan Tunon Taka, Nunukan', deportee_status: 'Deported', deported_from: 'MY' },
    means_of_control: ['WithholdingOfDocuments'],
    victim: {
      id: 'p-maria',
      first_name: 'Maria',
      second_name: 'Taek',
      gender: 'Feminine',
      birthdate: '2004-02-11',
      citizenship: ['ID'],
      identity_number: '5303015102040001',
      address: { province: '53', regency: '53.03', village: 'Maubesi' },
    },
    witnesses: [
      {
        id: 'pt-w1',
        person_id: 'p-w1',
        first_name: 'Yohanes',
        second_name: 'Bria',
        gender: 'Masculine',
        statement: 'Saw the recruiter collect passports at the harbour.',
      },
    ],
    family_contacts: [{ id: 'pt-f1', person_id: 'p-f1', first_name: 'Yustina', second_name: 'Taek', relationship: 'Ibu', phone: '081338765432' }],
    perpetrators: [{ id: 'pt-x1', person_id: 'p-x1', first_name: 'Anton', role_in_process: ['Recruiter'], role_details: 'Calo di Kefamenanu' }],
    events: [{ id: 'e1', type: 'Recruitment', date: '2019-03-01', place: 'Kefamenanu', country: 'ID', description: 'Dijanjikan kerja di restoran.' }],
    services: [{ id: 's1', type: 'Shelter', status: 'InProgress', provider: 'Ibu Ratna', stage: 'SocialRehabilitation', organisation_id: 'org-rptc' }],
    plans: [
      {
        id: 'pl1',
        kind: 'Reintegration',
        type: 'SkillsTraining',
        stage: 'SocialReintegration',
        objectives: 'Kembali ke keluarga di Maubesi dengan penghasilan sendiri',
        goals: ['Menyelesaikan pelatihan menjahit', 'Membuka usaha jahit di rumah'],
        organisation_id: 'org-uptd-ttu',
        start_date: '2019-10-01',
        planned_end_date: '2020-03-01',
        progress: 'OnTrack',
        programme_id: 'pg-1',
      },
    ],
    assessments: [
      { id: 'as1', kind: 'Individual', date: '2019-09-21', risk_level: 'High', findings: 'Trauma berat; takut bertemu perekrut di desa.', next_due: '2025-12-30' },
      { id: 'as2', kind: 'BestInterest', date: '2019-09-22', risk_level: 'Medium', recommendations: 'Dipulangkan ke ibu setelah rumah dikunjungi.' },
    ],
    followups: [{ id: 'f1', due_date: '2019-11-01', status: 'Planned' }],
    notes: [{ id: 'n1', body: 'Korban tiba bersama 40 deportan lain.', written_at: '2019-09-20T03:15:00Z' }],
    consent: { interview: true, informed_purpose: true, share_districts: ['53.03'], recorded_on: '2019-09-20' },
    attachments: [{ id: 'a1', name: 'surat-deportasi.pdf', mime: 'application/pdf', size: 183_442 }],
    is_child: true,
  };
  const docs = new Map<string, CaseDoc>([['maria', maria]]);
  const created: CaseSummary[] = [
    {
      id: 'maria',
      case_number: '6503-2019-0001',
      district: '65.03',
      status: 'Active',
      intake_date: '2019-09-20',
      victim_name: 'Maria Taek',
      gender: 'Feminine',
      is_child: true,
      trafficking_status: 'PossibleVictimOfTrafficking',
      type_of_exploitation: ['SexualExploitation', 'ForcedLabour'],
      country_of_exploitation: 'MY',
    },
  ];

  const referrals: Referral[] = [
    {
      id: 'r1',
      case_id: 'maria',
      case_number: '6503-2019-0001',
      from_district: '65.03',
      to_district: '53.03',
      status: 'Sent',
      reason: 'MigrationOrChangeOfLocation',
      details: 'Pemulangan ke keluarga di Maubesi',
      services_requested: ['Repatriation', 'Reintegration'],
      response_note: null,
    },
    {
      id: 'r2',
      case_id: 'syn-3',
      case_number: '5303-2020-0007',
      from_district: '53.03',
      to_district: '65.03',
      status: 'Received',
      reason: null,
      details: 'Korban bekerja kembali di Tawau; mohon penjemputan di Nunukan',
      services_requested: ['Shelter', 'Health'],
      response_note: null,
    },
  ];
  const trusted: TrustedDevice[] = [
    {
      device_id: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed',
      district: '53.03',
      district_name: 'Kabupaten Timor Tengah Utara',
      added_at: '2019-09-01T08:00:00Z',
      added_via: 'card',
      revoked_at: null,
      signing_key: 'bTTkmV5Izvf+m+vFAVRj7xf2DYHvmT2cPmUgW3Tu3JE=',
      age_recipient: 'age1cu2w9mahtz0peex5purdpc3ywdhnscxvfudfnyqmf49jfma8t3hqdwrueh',
    },
  ];
  let conflicts: Conflict[] = [
    {
      id: 'p-maria/phone',
      case_id: 'maria',
      case_number: '6503-2019-0001',
      entity: 'person',
      entity_id: 'p-maria',
      field: 'phone',
      part: 'Victim',
      versions: [
        { op: 'dev-a:9', value: '081234567890', author: 'Petugas Shelter', author_name: 'Petugas Shelter', district: '65.03', district_name: 'Kabupaten Nunukan', at_ms: Date.UTC(2019, 9, 2, 3), provisional: false },
        { op: 'dev-b:6', value: '085298765432', author: 'Petugas TTU', author_name: 'Petugas TTU', district: '53.03', district_name: 'Kabupaten Timor Tengah Utara', at_ms: Date.UTC(2019, 9, 2, 5), provisional: true },
      ],
    },
    {
      id: 'p-w1/birthdate',
      case_id: 'maria',
      case_number: '6503-2019-0001',
      entity: 'person',
      entity_id: 'p-w1',
      field: 'birthdate',
      part: 'Witness',
      versions: [
        { op: 'dev-a:11', value: '1980-05-02', author: 'op-1', author_name: 'Petugas Shelter', district: '65.03', district_name: 'Kabupaten Nunukan', at_ms: Date.UTC(2019, 9, 3, 2), provisional: false },
        // Written on a laptop this one knows nothing of: only the codes are known.
        { op: 'dev-c:2', value: '1980-02-05', author: 'op-9', author_name: null, district: '53.04', district_name: null, at_ms: Date.UTC(2019, 9, 3, 4), provisional: true },
      ],
    },
  ];
  const duplicates: Candidate[] = [
    {
      a: { person_id: 'p-maria', case_id: 'maria', case_number: '6503-2019-0001', district: '65.03', name: 'Maria Taek' },
      b: { person_id: 'p-x', case_id: 'syn-3', case_number: '5303-2020-0001', district: '53.03', name: 'Marija Taeq' },
      score: 75,
      reasons: ['same_nik', 'same_regency', 'same_village'],
      link: null,
    },
  ];

  // The directory of organisations: two added here, one learned from Timor Tengah Utara.
  type MockOrganisation = Omit<Organisation, 'cases'>;
  const organisations: MockOrganisation[] = [
    {
      id: 'org-rptc', name: 'RPTC Nunukan', type: 'Rptc', province: '65', regency: '65.03', address: 'Jl. Tien Soeharto, Nunukan',
      phone: '0556 21234', services: ['Shelter', 'Psychosocial', 'Health'], notes: 'Buka 24 jam.', ours: true, licence_number: null,
    },
    {
      id: 'org-lbh', name: 'LBH APIK Kalimantan Utara', type: 'LegalService', province: '65', regency: null, address: null,
      phone: '0811 5432 100', services: ['Legal'], notes: null, ours: true, licence_number: null,
    },
    {
      id: 'org-uptd-ttu', name: 'UPTD PPA Kabupaten Timor Tengah Utara', type: 'UptdPpa', province: '53', regency: '53.03',
      address: 'Kefamenanu', phone: null, services: ['Psychosocial', 'Reintegration', 'SkillsTraining'], notes: null, ours: false,
      licence_number: null,
    },
    {
      id: 'org-p3mi', name: 'PT Sinar Jaya Abadi', type: 'PlacementAgency', province: '31', regency: null,
      address: 'Jakarta Timur', phone: null, services: [], notes: null, ours: true, licence_number: 'B.123/PPTKIS/2019',
    },
  ];
  // The registers of the task force's other work (issue 16): prevention activities, trainings
  // with participants by agency, empowerment programmes. Records with `ours: false` came from
  // Timor Tengah Utara and are read-only here.
  type MockEntry = { id: string; register: Register; doc: Record<string, unknown>; ours: boolean };
  const registers: MockEntry[] = [
    {
      id: 'act-1', register: 'activity', ours: true,
      doc: {
        kind: 'Socialisation', title: 'Migrasi aman bagi calon pekerja migran', date: '2025-08-14', province: '65', regency: '65.03',
        subdistrict: 'Nunukan Selatan', village: 'Mansapa', organiser_id: 'org-rptc', partner_ids: [], audience: ['ProspectiveMigrants', 'Families'],
        female_children: 0, male_children: 0, female_adults: 34, male_adults: 21, topics: ['SafeMigration', 'LegalPlacement'],
        share_districts: [],
      },
    },
    {
      id: 'act-2', register: 'activity', ours: true,
      doc: {
        kind: 'VillageRegulation', title: 'Perdes perlindungan pekerja migran', date: '2025-05-02', province: '65', regency: '65.03',
        village: 'Sebatik', regulation_status: 'Drafted', female_adults: 6, male_adults: 9, audience: ['VillageOfficials'], topics: [], share_districts: [],
      },
    },
    {
      id: 'act-3', register: 'activity', ours: false,
      doc: {
        kind: 'Campaign', title: 'Kampanye di Pelabuhan Atapupu', date: '2025-03-20', province: '53', regency: '53.03',
        female_adults: 120, male_adults: 95, female_children: 12, male_children: 9, audience: ['Villagers'], topics: ['TraffickingSigns'], share_districts: ['65.03'],
      },
    },
    {
      id: 'tr-1', register: 'training', ours: true,
      doc: {
        title: 'Identifikasi korban TPPO di pelabuhan', topics: ['Identification', 'Referral'], organiser_id: 'org-rptc', start_date: '2025-09-09',
        end_date: '2025-09-10', province: '65', regency: '65.03', place: 'Aula Kantor Bupati', share_districts: [],
        participants: [
          { id: 'tg-1', agency: 'Police', female: 3, male: 11 },
          { id: 'tg-2', agency: 'SocialAffairs', female: 7, male: 2 },
        ],
      },
    },
    {
      id: 'pg-1', register: 'programme', ours: true,
      doc: {
        name: 'Pelatihan menjahit dan modal usaha', kind: 'Government', organisation_id: 'org-uptd-ttu', offers: ['SkillsTraining'],
        province: '53', regency: '53.03', capacity: 20, start_date: '2025-01-15', share_districts: ['53.03'],
      },
    },
    {
      id: 'pg-2', register: 'programme', ours: false,
      doc: { name: 'Usaha tenun ikat', kind: 'Ngo', offers: ['SkillsTraining'], province: '53', regency: '53.03', capacity: 12, share_districts: ['65.03'] },
    },
  ];
  /** The date a record of a register is sorted and filtered by. */
  const entryDate = (e: MockEntry) => String(e.doc.date ?? e.doc.start_date ?? '');
  const REGISTER_REQUIRED: Record<Register, string[]> = { activity: ['kind', 'date', 'regency'], training: ['title', 'start_date'], programme: ['name', 'kind'] };
  const REGISTER_CODES: Record<string, string> = {
    kind: '', regulation_status: 'regulation_status', audience: 'audience', topics: '', offers: 'service_type', province: 'province',
  };
  const COUNT_KEYS = ['female_children', 'male_children', 'female_adults', 'male_adults', 'capacity'];
  /** Checks a register's document as the core does: required fields, codes, counts, dates. */
  const checkRegister = (register: Register, doc: Record<string, unknown>, current: Record<string, unknown> | null) => {
    const fields: IpcFieldError[] = [];
    for (const k of REGISTER_REQUIRED[register]) {
      const v = k in doc ? doc[k] : current?.[k];
      if (v === undefined || v === null || v === '') fields.push({ field: k, problem: { code: 'required' } });
    }
    const kindList = register === 'activity' ? 'activity_kind' : 'programme_kind';
    if (doc.kind && !LISTS[kindList].some((x) => x.code === doc.kind)) fields.push({ field: 'kind', problem: unknownCode(kindList) });
    for (const [k, list] of Object.entries({ ...REGISTER_CODES, topics: register === 'training' ? 'training_topic' : 'prevention_topic' })) {
      if (!list) continue;
      const v = doc[k];
      const values = Array.isArray(v) ? v : v ? [v] : [];
      values.forEach((code, i) => {
        if (!LISTS[list].some((x) => x.code === code)) fields.push({ field: Array.isArray(v) ? `${k}[${i}]` : k, problem: unknownCode(list) });
      });
    }
    for (const k of COUNT_KEYS) {
      const v = doc[k];
      if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) fields.push({ field: k, problem: { code: 'not_a_number' } });
    }
    for (const k of ['date', 'end_date', 'start_date']) {
      const v = doc[k];
      if (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) fields.push({ field: k, problem: { code: 'bad_date' } });
    }
    if (typeof doc.regency === 'string' && !/^\d{2}\.\d{2}$/.test(doc.regency)) fields.push({ field: 'regency', problem: { code: 'bad_regency' } });
    for (const k of ['organiser_id', 'organisation_id']) {
      if (doc[k] && !organisations.some((o) => o.id === doc[k])) fields.push({ field: k, problem: { code: 'unknown_organisation' } });
    }
    ((doc.participants as Record<string, unknown>[] | undefined) ?? []).forEach((g, i) => {
      if (!g.id && !g.agency) fields.push({ field: `participants[${i}].agency`, problem: { code: 'required' } });
      if (g.agency && !LISTS.agency.some((x) => x.code === g.agency)) fields.push({ field: `participants[${i}].agency`, problem: unknownCode('agency') });
      for (const k of ['female', 'male']) {
        const v = g[k];
        if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) {
          fields.push({ field: `participants[${i}].${k}`, problem: { code: 'not_a_number' } });
        }
      }
    });
    if (fields.length > 0) throw err('invalid_record', fields);
  };
  /** How many plans of the mock's cases enrol a person in a programme. */
  const enrolled = (programme: string) =>
    [...docs.values()].flatMap((d) => d.plans ?? []).filter((p) => p.programme_id === programme).length;
  /** Applies a register document to a stored one; counts the fields (and participant groups) that changed. */
  const applyRegister = (target: Record<string, unknown>, doc: Record<string, unknown>): number => {
    let changes = 0;
    for (const [k, v] of Object.entries(doc)) {
      if (k === 'participants') continue;
      if (JSON.stringify(v) === JSON.stringify(target[k])) continue;
      if (v === null) delete target[k];
      else target[k] = v;
      changes += 1;
    }
    const groups = (target.participants as Record<string, unknown>[] | undefined) ?? [];
    for (const g of (doc.participants as Record<string, unknown>[] | undefined) ?? []) {
      const found = g.id ? groups.find((x) => x.id === g.id) : undefined;
      if (found) {
        for (const [k, v] of Object.entries(g)) {
          if (k !== 'id' && JSON.stringify(v) !== JSON.stringify(found[k])) {
            found[k] = v;
            changes += 1;
          }
        }
      } else {
        groups.push({ female: null, male: null, ...g, id: newId() });
        changes += 1;
      }
    }
    if (doc.participants) target.participants = groups;
    return changes;
  };

  /** The report the core would show for a period (mock figures, laid out as ReportView). */
  const reportView = (area: string, period: ReportingPeriod, parts: string[], population: number | null, scale = 1): ReportView => {
    const words = (p: ReportingPeriod) =>
      p.semester === null ? `Tahun ${p.year}` : p.semester === 1 ? `Semester I (Januari–Juni) ${p.year}` : `Semester II (Juli–Desember) ${p.year}`;
    const previous: ReportingPeriod =
      period.semester === null ? { year: period.year - 1, semester: null } : period.semester === 1 ? { year: period.year - 1, semester: 2 } : { year: period.year, semester: 1 };
    const shown = (n: number) => (n > 0 && n < 5 ? '< 5' : String(n));
    const row = (label: string, cur: number, prev: number) => ({
      label, current: shown(cur), previous: shown(prev), current_n: cur > 0 && cur < 5 ? null : cur, previous_n: prev > 0 && prev < 5 ? null : prev,
    });
    const k = (n: number) => Math.round(n * scale);
    const victims = k(42);
    const activities = registers.filter((e) => e.register === 'activity' && entryDate(e).startsWith(String(period.year)));
    const people = activities.reduce((n, e) => n + ACTIVITY_COUNT_KEYS.reduce((m, c) => m + (Number(e.doc[c]) || 0), 0), 0);
    return {
      title: `Laporan ${period.semester === null ? 'Tahunan' : 'Semester'} Gugus Tugas PP-TPPO`,
      area,
      period: words(period),
      previous: words(previous),
      parts,
      tables: [
        { id: 'victims', title: '1. Korban teridentifikasi', note: null, chart: false, rows: [row('Semua korban', victims, k(37))] },
        {
          id: 'victims_sex', title: '2. Korban menurut jenis kelamin', note: null, chart: true,
          rows: [row('Perempuan', k(31), k(30)), row('Laki-laki', k(11), k(7))],
        },
        {
          id: 'victims_age', title: '3. Korban menurut kelompok umur', note: 'Umur saat kasus diterima.', chart: true,
          rows: [row('0–11 tahun', k(2), 0), row('12–17 tahun', k(9), k(6)), row('18–25 tahun', k(19), k(17)), row('26–35 tahun', k(12), k(14))],
        },
        {
          id: 'victims_exploitation', title: '4. Korban menurut bentuk eksploitasi', note: 'Satu korban dapat tercatat pada lebih dari satu baris.', chart: true,
          rows: [row('Kerja paksa', k(28), k(25)), row('Eksploitasi seksual', k(13), k(9)), row('Pekerja anak', k(3), k(4))],
        },
        {
          id: 'placement_agencies', title: '11. Perusahaan penempatan (P3MI) yang terlibat', note: null, chart: false,
          rows: [row('PT Sinar Jaya Abadi', k(6), k(2))],
        },
        {
          id: 'prevention', title: '13. Kegiatan pencegahan', note: null, chart: true,
          rows: [row('Kegiatan', activities.length, 3), row('Peserta', people, 140)],
        },
        {
          id: 'justice', title: '20. Angka yang biasa diminta nasional dan donor', note: null, chart: false,
          rows: [row('Penyidikan', k(7), k(5)), row('Penuntutan', k(4), k(3)), row('Putusan bersalah', k(3), k(2))],
        },
        {
          id: 'sdg', title: '21. Indikator SDG 16.2.2: korban teridentifikasi per 100.000 penduduk',
          note: population === null ? 'Jumlah penduduk tidak diisi; angka per 100.000 penduduk tidak dihitung.' : `Penduduk yang dipakai: ${population.toLocaleString('id-ID')}. Angka dari kurang dari 5 korban disembunyikan.`,
          chart: false,
          rows: population === null ? [] : [{ label: 'Semua korban', current: ((victims * 100000) / population).toFixed(2).replace('.', ','), previous: '', current_n: null, previous_n: null }],
        },
      ],
      suppressed_below: 5,
      generated: '20 Desember 2025',
    };
  };
  const ACTIVITY_COUNT_KEYS = ['female_children', 'male_children', 'female_adults', 'male_adults'];
  /** A folder the mock refuses to write into, as the shell refuses one it cannot reach. */
  const writable = (folder: unknown): string => {
    const f = String(folder ?? '').replace(/\/$/, '');
    if (!f || f.includes('hilang')) throw err('io');
    return f;
  };
  const periodName = (p: ReportingPeriod) => (p.semester === null ? `${p.year}` : `${p.year}-s${p.semester}`);
  /**
   * A province's files, as the core checks them: a path with "bukan" is not an aggregate file,
   * "rusak" tampered, "asing" from an untrusted device, "lain" from another province, "2023" of
   * another period than the rest; two files of one regency (the same four digits) are refused.
   */
  const rollupCheck = (province: unknown, files: unknown): { province: string; parts: string[] } => {
    const prov = String(province ?? '').trim();
    if (!LISTS.province.some((x) => x.code === prov)) throw err('invalid_input');
    const list = (Array.isArray(files) ? files : []).map(String);
    if (list.length === 0) throw err('invalid_input');
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const f of list) {
      if (f.includes('bukan')) throw err('not_an_aggregate');
      if (f.includes('rusak')) throw err('aggregate_tampered');
      if (f.includes('asing')) throw err('aggregate_untrusted');
      if (f.includes('lain')) throw err('aggregate_other_province');
      const code = /(\d{2})(\d{2})/.exec(f.split('/').pop() ?? '');
      const regency = code ? `${code[1]}.${code[2]}` : `${prov}.${String(parts.length + 1).padStart(2, '0')}`;
      if (seen.has(regency)) throw err('aggregate_twice');
      seen.add(regency);
      parts.push(regency === district ? `${districtName} (${regency})` : regency);
    }
    if (list.some((f) => f.includes('2023')) && !list.every((f) => f.includes('2023'))) throw err('aggregate_periods');
    return { province: prov, parts };
  };
  /** How many cases' services and plans name an organisation (among the cases the mock holds). */
  const casesNaming = (orgId: string) =>
    [...docs.values()].filter((d) => [...(d.services ?? []), ...(d.plans ?? [])].some((x) => x.organisation_id === orgId)).length;

  // Alerts of earlier imports: an erasure request, two refused changes, one dealt with.
  let alertSeq = 4;
  const alerts: Alert[] = [
    {
      id: 4, at: '2025-12-19T07:42:00Z', kind: 'request', rule: 'erasure_request', district: '53.03',
      device: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed', seq: 41, sender: '53.03', case_number: '6503-2019-0001', dismissed_at: null,
    },
    {
      id: 3, at: '2025-12-19T07:42:00Z', kind: 'refused', rule: 'not_owner', district: '53.03',
      device: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed', seq: 39, sender: '53.03', case_number: null, dismissed_at: null,
    },
    {
      id: 2, at: '2025-12-12T02:10:00Z', kind: 'refused', rule: 'future_clock', district: '53.03',
      device: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed', seq: 33, sender: '53.03', case_number: null, dismissed_at: null,
    },
    {
      id: 1, at: '2025-11-30T09:05:00Z', kind: 'bundle', rule: 'impersonation', district: '53.03',
      device: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed', seq: 0, sender: '53.04', case_number: null, dismissed_at: '2025-12-01T01:00:00Z',
    },
  ];
  const erasureRequests = (): ErasureRequest[] =>
    alerts
      .filter((a) => a.kind === 'request' && !a.dismissed_at && a.case_number && [...docs.values()].some((d) => d.case_number === a.case_number))
      .map((a) => ({ alert: a.id, at: a.at, from: a.district, case_number: a.case_number ?? '', person: 'p-w1', victim: false }))
      .reverse();
  const raise = (rule: string, kind: string, alertDistrict: string, sender: string) => {
    alertSeq += 1;
    alerts.unshift({
      id: alertSeq, at: new Date().toISOString(), kind, rule, district: alertDistrict,
      device: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed', seq: 0, sender, case_number: null, dismissed_at: null,
    });
  };

  // Region names: the provinces and the kabupaten/kota Lintas ships with; an imported code list
  // renames some of them.
  const regions = new Map<string, string>([...LISTS.province.map((p): [string, string] => [p.code, p.id]), ...REGENCIES.map((r): [string, string] => [r.code, r.name])]);
  const regionList = (): Region[] => {
    const all = new Map(regions);
    all.set(district, districtName);
    for (const d of trusted) all.set(d.district, d.district_name);
    return [...all].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name }));
  };

  // A synthetic change log, newest first, long enough to page through.
  const AUDIT_KINDS: [string, string, string | null][] = [
    ['case', 'create', null],
    ['person', 'create', null],
    ['person', 'set', 'first_name'],
    ['person', 'set', 'address_regency'],
    ['consent', 'set', 'interview'],
    ['event', 'create', null],
    ['followup', 'set', 'status'],
    ['note', 'create', null],
    ['referral', 'set', 'status'],
    ['party', 'create', null],
    ['case', 'set', 'status'],
  ];
  const auditLog: AuditEntry[] = Array.from({ length: 137 }, (_, i) => {
    const [entity, action, field] = AUDIT_KINDS[i % AUDIT_KINDS.length];
    const remote = i % 5 === 3;
    return {
      op: `dev-${remote ? 'ttu' : 'nnk'}:${137 - i}`,
      at: new Date(Date.UTC(2025, 11, 20, 9, 30) - i * 47 * 60_000).toISOString(),
      author: remote ? 'Petugas TTU' : FOUNDER,
      district: remote ? '53.03' : district,
      entity,
      entity_id: `e-${i}`,
      action,
      field,
      case_number: entity === 'operator' ? null : `6503-2019-${pad(1 + (i % 7), 4)}`,
    };
  });
  auditLog.push({
    op: 'dev-nnk:0',
    at: '2025-12-01T01:00:00Z',
    author: null,
    district,
    entity: 'operator',
    entity_id: 'op-1',
    action: 'create',
    field: null,
    case_number: null,
  });

  // A synthetic access log: cases opened, a bundle, an attachment, reports; newest first.
  const accessLog: AccessEntry[] = Array.from({ length: 83 }, (_, i) => {
    const kind = i % 9;
    const at = new Date(Date.UTC(2025, 11, 20, 10, 0) - i * 53 * 60_000).toISOString();
    const base = { seq: 83 - i, at, operator: i % 4 === 3 ? 'Petugas Pagi' : FOUNDER };
    if (kind === 4) return { ...base, action: 'export_bundle', target: '53.03', case_number: null };
    if (kind === 6) return { ...base, action: 'export_report', target: '2025-01-01..2025-12-31 65.03', case_number: null };
    if (kind === 7) return { ...base, action: 'export_attachment', target: `att-${i}`, case_number: '6503-2019-0001' };
    if (kind === 8) return { ...base, action: 'export_anonymised', target: 'k=11', case_number: null };
    return { ...base, action: 'view_case', target: `case-${i}`, case_number: `6503-2019-${pad(1 + (i % 7), 4)}` };
  });

  /**
   * Statistics of the synthetic cases in a period: counted from the summaries where they hold
   * the figure, and scaled from fixed shares where they do not (age, recruitment, services).
   */
  const statsFor = (from: string | null, to: string | null, only: string | null): Stats => {
    const cases = allSummaries().filter(
      (c) =>
        (!from || (c.intake_date ?? '') >= from) &&
        (!to || (c.intake_date ?? '') <= to) &&
        (!only || c.district === only),
    );
    const tally = (keys: (string | null)[]): [string, number][] => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k ?? 'unknown', (m.get(k ?? 'unknown') ?? 0) + 1);
      return [...m].sort(([a], [b]) => a.localeCompare(b));
    };
    const n = cases.length;
    const part = (share: number) => Math.round(n * share);
    const children = cases.filter((c) => c.is_child).length;
    const adults = Math.max(0, n - children - part(0.03));
    return {
      victims: n,
      children,
      adults,
      by_sex: tally(cases.map((c) => c.gender)),
      by_age_group: [
        ['0-11', Math.min(children, part(0.04))], ['12-17', Math.max(0, children - part(0.04))],
        ['18-25', part(0.36)], ['26-35', part(0.24)], ['36-45', part(0.1)],
        ['46+', Math.max(0, adults - part(0.36) - part(0.24) - part(0.1))], ['unknown', n - children - adults],
      ],
      by_exploitation: tally(cases.flatMap((c) => c.type_of_exploitation)),
      by_country: tally(cases.map((c) => c.country_of_exploitation)),
      by_recruitment: [['PersonalContact', part(0.45)], ['Agency', part(0.35)], ['Online', part(0.15)]],
      services: [['Shelter', part(0.9)], ['Health', part(0.5)], ['Repatriation', part(0.7)], ['Legal', part(0.12)]],
      referrals: {
        sent: part(0.3),
        received: part(0.28),
        accepted: part(0.22),
        declined: part(0.02),
        completed: part(0.12),
        median_days_to_acceptance: n ? 6.5 : null,
      },
      followups: { due: part(0.05), overdue: part(0.02), done: part(0.4) },
    };
  };

  const checkRecoveryKey = (key: unknown) => {
    const typed = String(key).toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (typed.length !== 55) {
      throw err('mistyped_recovery_key');
    }
    if (typed !== MOCK_RECOVERY_KEY.replace(/-/g, '')) {
      throw err('wrong_recovery_key');
    }
  };
  /** Refuses like the core when the operator's role lacks a permission. */
  const requireRole = (permission: Permission) => {
    requireUnlocked();
    if (!can(caps(), permission)) throw forbidden();
  };
  /** Refuses like the core a filter on a field the role may not read. */
  const requireRead = (kind: EntityKind, field: string) => {
    if (!canRead(caps(), kind, field)) throw forbidden();
  };
  const forbidden = () =>
    err('forbidden');
  const operatorById = (id: unknown): MockOperator => {
    const o = operators.find((x) => x.id === id);
    if (!o) throw err('operator_not_found');
    return o;
  };
  const lastCoordinator = (o: MockOperator) =>
    o.role === 'Coordinator' && !operators.some((x) => x.id !== o.id && x.active && x.role === 'Coordinator');
  const refuseLastCoordinator = () =>
    err('last_coordinator');
  const requireUnlocked = () => {
    if (!unlocked) throw err('store_locked');
  };

  const allSummaries = () => [...created, ...rows()];

  /** Whether the "kasus" spreadsheet was imported (a second import finds its rows again). */
  let sheetImported = false;
  /** What reading a spreadsheet finds, as the core reports it (no values, only rows and columns). */
  const sheetReport = (path: string): SpreadsheetReport => {
    if (path.includes('rusak')) throw err('spreadsheet_unreadable');
    if (!path.includes('kasus')) throw err(/\.(xlsx|xlsm|ods|csv)$/i.test(path) ? 'spreadsheet_no_columns' : 'not_a_spreadsheet');
    return {
      rows: 3,
      valid: sheetImported ? 0 : 2,
      with_problems: 1,
      already_imported: sheetImported ? 2 : 0,
      problems: [{ row: 4, column: 'Birthdate', problem: { code: 'bad_date' } }],
      problems_not_listed: 0,
      duplicates: [{ row: 2, case_number: '6503-2019-0001', other_row: null }],
      duplicates_not_listed: 0,
      columns_read: ['First name', 'Second name', 'Gender', 'Birthdate', 'Country of exploitation'],
      columns_ignored: ['Catatan petugas'],
      imported: 0,
      imported_cases: [],
    };
  };

  /** Imports the valid rows of the "kasus" spreadsheet as two new cases, once. */
  const importSheet = (path: string): SpreadsheetReport => {
    const report = sheetReport(path);
    if (report.valid > 0) {
      for (const [first, second, birth] of [['Yuliana', 'Nahak', '2001-04-17'], ['Rosalia', 'Bano', '1998-12-02']]) {
        const id = newId();
        const number = `${district.replace('.', '')}-2025-${pad(created.length + 1, 4)}`;
        const doc: CaseDoc = {
          id,
          case_number: number,
          district,
          status: 'Active',
          trafficking_status: 'PossibleVictimOfTrafficking',
          type_of_exploitation: ['ForcedLabour'],
          country_of_exploitation: 'MY',
          intake: { date: '2025-11-03', place: 'Pelabuhan Tunon Taka, Nunukan' },
          victim: { id: newId(), first_name: first, second_name: second, gender: 'Feminine', birthdate: birth },
          is_child: false,
        };
        docs.set(id, doc);
        created.unshift(summaryOf(doc));
        report.imported += 1;
        report.imported_cases.push(number);
      }
      sheetImported = true;
    }
    return report;
  };

  const summaryOf = (d: CaseDoc): CaseSummary => ({
    id: d.id ?? '',
    case_number: d.case_number ?? '',
    district: d.district ?? district,
    status: d.status ?? 'Active',
    intake_date: d.intake?.date ?? null,
    victim_name: [d.victim?.first_name, d.victim?.second_name].filter(Boolean).join(' '),
    gender: d.victim?.gender ?? null,
    is_child: !!d.is_child,
    trafficking_status: d.trafficking_status ?? null,
    type_of_exploitation: d.type_of_exploitation ?? [],
    country_of_exploitation: d.country_of_exploitation ?? null,
  });

  const validate = (doc: CaseDoc, creating: boolean): IpcError | null => {
    const fields: IpcFieldError[] = [];
    const v = doc.victim;
    if (creating && !v?.first_name) fields.push({ field: 'victim.first_name', problem: { code: 'required' } });
    if (v?.identity_number && !/^\d{16}$/.test(v.identity_number)) {
      const n = v.identity_number.length;
      fields.push({ field: 'victim.identity_number', problem: { code: 'nik_length', got: n } });
    }
    const dates: [string, string | null | undefined][] = [
      ['victim.birthdate', v?.birthdate],
      ['intake.date', doc.intake?.date],
    ];
    if (creating && !doc.intake?.date) fields.push({ field: 'intake.date', problem: { code: 'required' } });
    for (const [path, value] of dates) {
      if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        fields.push({ field: path, problem: { code: 'bad_date' } });
      }
    }
    for (const k of PARTY_KEYS) {
      (doc[k] ?? []).forEach((w, i) => {
        if (w.gender && !LISTS.gender.some((g) => g.code === w.gender)) {
          fields.push({ field: `${k}[${i}].gender`, problem: unknownCode('gender') });
        }
        if (w.identity_number && !/^\d{16}$/.test(w.identity_number)) {
          const n = w.identity_number.length;
          fields.push({ field: `${k}[${i}].identity_number`, problem: { code: 'nik_length', got: n } });
        }
      });
    }
    const itemDates: [string, string | null | undefined][] = [
      ...(doc.events ?? []).map((e, i): [string, string | null | undefined] => [`events[${i}].date`, e.date]),
      ...(doc.services ?? []).flatMap((x, i): [string, string | null | undefined][] => [
        [`services[${i}].planned_end_date`, x.planned_end_date],
        [`services[${i}].actual_end_date`, x.actual_end_date],
      ]),
      ...(doc.plans ?? []).flatMap((x, i): [string, string | null | undefined][] => [
        [`plans[${i}].start_date`, x.start_date],
        [`plans[${i}].planned_end_date`, x.planned_end_date],
        [`plans[${i}].actual_end_date`, x.actual_end_date],
      ]),
      ...(doc.assessments ?? []).flatMap((x, i): [string, string | null | undefined][] => [
        [`assessments[${i}].date`, x.date],
        [`assessments[${i}].next_due`, x.next_due],
      ]),
    ];
    for (const [path, value] of itemDates) {
      if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        fields.push({ field: path, problem: { code: 'bad_date' } });
      }
    }
    // A new plan needs its kind, a new assessment its kind and date; who approved is never typed.
    const required = (list: 'plans' | 'assessments', keys: string[]) =>
      ((doc[list] ?? []) as Record<string, unknown>[]).forEach((x, i) => {
        for (const k of keys) {
          if (!x.id && (x[k] === undefined || x[k] === null)) fields.push({ field: `${list}[${i}].${k}`, problem: { code: 'required' } });
        }
        for (const k of ['approved_by', 'approved_on']) {
          if (k in x) fields.push({ field: `${list}[${i}].${k}`, problem: { code: 'set_by_lintas' } });
        }
        if (x.organisation_id && !organisations.some((o) => o.id === x.organisation_id)) {
          fields.push({ field: `${list}[${i}].organisation_id`, problem: { code: 'unknown_organisation' } });
        }
      });
    required('plans', ['kind']);
    required('assessments', ['kind', 'date']);
    (doc.services ?? []).forEach((x, i) => {
      if (x.organisation_id && !organisations.some((o) => o.id === x.organisation_id)) {
        fields.push({ field: `services[${i}].organisation_id`, problem: { code: 'unknown_organisation' } });
      }
    });
    (doc.consent?.share_districts ?? []).forEach((d, i) => {
      if (!/^\d{2}\.\d{2}$/.test(d)) {
        fields.push({ field: `consent.share_districts[${i}]`, problem: { code: 'bad_regency' } });
      }
    });
    if (fields.length === 0) return null;
    return err('invalid_record', fields);
  };

  /** A case's id from its id or its number (the shell accepts either). */
  const docIdFor = (idOrNumber: string): string =>
    [...docs.values()].find((d) => d.case_number === idOrNumber)?.id ?? allSummaries().find((x) => x.case_number === idOrNumber)?.id ?? idOrNumber;

  const docFor = (idOrNumber: string): CaseDoc => {
    const id = docIdFor(idOrNumber);
    const d = docs.get(id);
    if (d) return d;
    const s = allSummaries().find((x) => x.id === id);
    if (!s) throw err('case_not_found');
    const [first, ...rest] = s.victim_name.split(' ');
    const doc: CaseDoc = {
      id: s.id,
      case_number: s.case_number,
      district: s.district,
      status: s.status,
      trafficking_status: s.trafficking_status,
      type_of_exploitation: s.type_of_exploitation,
      country_of_exploitation: s.country_of_exploitation,
      intake: { date: s.intake_date },
      victim: { id: `p-${s.id}`, first_name: first, second_name: rest.join(' '), gender: s.gender },
      is_child: s.is_child,
    };
    docs.set(id, doc);
    return doc;
  };

  /** A new plan without progress is not started yet, as the core records it. */
  const notStarted = <T extends { id?: string }>(x: T): T => ({ progress: 'NotStarted', ...x });

  /** A new party gets a person of its own, as the core creates one. */
  const withPerson = <T extends { id?: string }>(x: T): T => ({ ...x, person_id: newId() });

  /** The lists of a new case with ids on their items, as the core gives them. */
  const withIds = (doc: CaseDoc): CaseDoc => {
    const out: Record<string, unknown> = {};
    for (const k of LIST_KEYS) {
      const items = doc[k] as { id?: string }[] | undefined;
      if (items) out[k] = mergeList([], items, isParty(k) ? withPerson : k === 'plans' ? notStarted : undefined);
    }
    return out as CaseDoc;
  };

  const mergeList = <T extends { id?: string }>(list: T[] | undefined, items: T[] | undefined, stamp?: (x: T) => T) => {
    const out = [...(list ?? [])];
    for (const item of items ?? []) {
      if (item.id) {
        const i = out.findIndex((x) => x.id === item.id);
        if (i >= 0) out[i] = { ...out[i], ...item };
      } else out.push(stamp ? stamp({ ...item, id: newId() }) : { ...item, id: newId() });
    }
    return out;
  };

  /** What waits on MOCK_TODAY for the operator working now, as the core's worklist lists it. */
  const worklist = (): Worklist => {
    const c = caps();
    const horizon = addDays(MOCK_TODAY, DUE_WITHIN_DAYS);
    const cases = [...docs.values()];
    const tasks: Task[] = [];
    const task = (kind: TaskKind, d: { id?: string; case_number?: string | null }, date: string | null | undefined, item: string | null | undefined): Task => ({
      kind,
      case_id: d.id ?? '',
      case_number: d.case_number ?? '',
      date: date ?? null,
      item: item ?? null,
    });
    const add = (found: Task[]) =>
      tasks.push(...found.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.case_number.localeCompare(b.case_number)));
    if (canRead(c, 'followup', 'due_date')) {
      const planned = cases.flatMap((d) =>
        (d.followups ?? []).filter((f) => (f.status ?? 'Planned') === 'Planned' && f.due_date).map((f) => ({ d, f })),
      );
      add(planned.filter(({ f }) => (f.due_date ?? '') < MOCK_TODAY).map(({ d, f }) => task('visit_overdue', d, f.due_date, f.id)));
      add(
        planned
          .filter(({ f }) => (f.due_date ?? '') >= MOCK_TODAY && (f.due_date ?? '') <= horizon)
          .map(({ d, f }) => task('visit_due', d, f.due_date, f.id)),
      );
    }
    if (canRead(c, 'referral', 'status') && can(c, 'write_records')) {
      add(
        referrals
          .filter((r) => r.to_district === district && (r.status === 'Sent' || r.status === 'Received'))
          .map((r) => task('referral_waiting', { id: r.case_id, case_number: r.case_number }, null, r.id)),
      );
    }
    if (canRead(c, 'plan', 'planned_end_date')) {
      add(
        cases.flatMap((d) =>
          (d.plans ?? [])
            .filter((p) => p.planned_end_date && p.planned_end_date < MOCK_TODAY && !p.actual_end_date && !p.outcome)
            .map((p) => task('plan_overdue', d, p.planned_end_date, p.id)),
        ),
      );
    }
    if (canRead(c, 'assessment', 'next_due')) {
      add(
        cases
          .filter((d) => d.status !== 'Closed')
          .flatMap((d) =>
            (d.assessments ?? [])
              .filter((a) => a.next_due && a.next_due <= horizon)
              .filter((a) => !(d.assessments ?? []).some((b) => b.kind === a.kind && (b.date ?? '') > (a.date ?? '')))
              .map((a) => task('assessment_due', d, a.next_due, a.id)),
          ),
      );
    }
    if (can(c, 'approve_assessments')) {
      add(
        cases.flatMap((d) =>
          (d.assessments ?? []).filter((a) => a.kind === 'BestInterest' && !a.approved_by).map((a) => task('approval_waiting', d, a.date, a.id)),
        ),
      );
    }
    if (can(c, 'review_matches')) {
      tasks.push(...conflicts.map((x) => task('conflict', { id: x.case_id, case_number: x.case_number }, null, x.id)));
      tasks.push(
        ...duplicates.filter((x) => !x.link).map((x) => task('duplicate', { id: x.a.case_id, case_number: x.a.case_number }, null, x.b.case_id)),
      );
    }
    const counts: [TaskKind, number][] = [];
    for (const x of tasks) {
      const last = counts[counts.length - 1];
      if (last && last[0] === x.kind) last[1] += 1;
      else counts.push([x.kind, 1]);
    }
    return { tasks, counts };
  };

  /** Checks an organisation as the core does: name and type needed, codes known. */
  const checkOrganisation = (doc: Record<string, unknown>, current: MockOrganisation | null) => {
    const fields: IpcFieldError[] = [];
    for (const k of ['name', 'type']) {
      const v = k in doc ? doc[k] : current?.[k as 'name' | 'type'];
      if (v === undefined || v === null || v === '') fields.push({ field: k, problem: { code: 'required' } });
    }
    if (doc.type && !LISTS.organisation_type.some((x) => x.code === doc.type)) fields.push({ field: 'type', problem: unknownCode('organisation_type') });
    if (doc.province && !LISTS.province.some((x) => x.code === doc.province)) fields.push({ field: 'province', problem: unknownCode('province') });
    if (doc.regency && !/^\d{2}\.\d{2}$/.test(String(doc.regency))) {
      fields.push({ field: 'regency', problem: { code: 'bad_regency' } });
    }
    ((doc.services as string[] | undefined) ?? []).forEach((code, i) => {
      if (!LISTS.service_type.some((x) => x.code === code)) fields.push({ field: `services[${i}]`, problem: unknownCode('service_type') });
    });
    if (fields.length > 0) {
      throw err('invalid_record', fields);
    }
  };
  const ORGANISATION_KEYS = ['name', 'type', 'province', 'regency', 'address', 'phone', 'services', 'notes', 'licence_number'] as const;

  /** A decision on a pair of possible duplicates, found by its two cases. */
  const pairOf = (a: Record<string, unknown>): number => {
    const i = duplicates.findIndex(
      (d) => (d.a.case_id === a.caseA && d.b.case_id === a.caseB) || (d.a.case_id === a.caseB && d.b.case_id === a.caseA),
    );
    if (i < 0) throw err('case_not_found');
    if (!String(a.reason ?? '').trim()) {
      throw err('invalid_input');
    }
    return i;
  };

  const handlers: Record<string, (a: Record<string, unknown>) => unknown> = {
    app_status: () => ({
      initialised,
      unlocked,
      district: initialised ? district : null,
      district_name: initialised ? districtName : null,
      operator: unlocked ? current().name : null,
      role: unlocked ? current().role : null,
      capabilities: unlocked ? caps() : null,
      lang,
    }),
    set_language: (a) => {
      lang = a.lang === 'en' ? 'en' : 'id';
      return null;
    },
    setup: (a) => {
      if (String(a.passphrase).length < 10) {
        throw err('weak_passphrase');
      }
      initialised = true;
      unlocked = true;
      district = String(a.district);
      districtName = String(a.districtName);
      operators = [{ id: 'op-1', name: String(a.operator), role: 'Coordinator', active: true, passphrase: String(a.passphrase) }];
      currentId = 'op-1';
      return delay({ recovery_key: MOCK_RECOVERY_KEY }, 600);
    },
    unlock: (a) => {
      const who = operators.find((o) => o.active && o.passphrase !== null && o.passphrase === a.passphrase);
      if (!who) {
        throw err('wrong_passphrase');
      }
      currentId = who.id;
      unlocked = true;
      return delay(null, 400);
    },
    change_passphrase: (a) => {
      requireUnlocked();
      if (a.old !== current().passphrase) {
        throw err('wrong_passphrase');
      }
      if ([...String(a.new)].length < 10) {
        throw err('weak_passphrase');
      }
      current().passphrase = String(a.new);
      return delay(null, 400);
    },
    recover: (a) => {
      checkRecoveryKey(a.recoveryKey);
      if ([...String(a.newPassphrase)].length < 10) {
        throw err('weak_passphrase');
      }
      // The recovery key belongs to the operator who set the laptop up.
      operators[0].passphrase = String(a.newPassphrase);
      return delay(null, 600);
    },
    lock: () => {
      unlocked = false;
      return null;
    },
    restore: (a) => {
      if (initialised) {
        throw err('store_exists');
      }
      const p = String(a.path);
      if (p.includes('potong')) {
        throw err('backup_incomplete');
      }
      if (p.includes('rusak')) throw err('backup_damaged');
      if (!p.endsWith('.lintas-backup')) {
        throw err('not_a_backup');
      }
      let who: MockOperator | undefined = operators[0];
      if (a.recoveryKey != null) checkRecoveryKey(a.recoveryKey);
      else who = operators.find((o) => o.active && o.passphrase !== null && o.passphrase === a.passphrase);
      if (!who) {
        throw err('wrong_passphrase');
      }
      initialised = true;
      unlocked = true;
      currentId = who.id;
      return delay(
        {
          device_id: '0b6f3c2e-5d41-4f0a-9a7e-2c1d8e9f4a10',
          previous_device_id: '5f0c1e7a-93b2-4d6e-8a31-7c2b9e4d0f56',
          district,
          district_name: districtName,
          cases: allSummaries().length,
          fingerprint: '222247118390524461987305126648390217745501839264710058329916',
        },
        900,
      );
    },
    operator_list: () => {
      requireUnlocked();
      return operators.map(({ passphrase: p, ...o }) => ({ ...o, can_unlock: o.active && p !== null, current: o.id === currentId }));
    },
    operator_add: (a) => {
      requireRole('manage_operators');
      const name = String(a.name).trim();
      if (!name) {
        throw err('invalid_record', [
          { field: 'name', problem: { code: 'required' } },
        ]);
      }
      if ([...String(a.passphrase)].length < 10) {
        throw err('weak_passphrase');
      }
      if (operators.some((o) => o.active && o.passphrase === a.passphrase)) {
        throw err('passphrase_in_use');
      }
      const id = newId();
      operators.push({ id, name, role: a.role as Role, active: true, passphrase: String(a.passphrase) });
      return delay(id, 700);
    },
    operator_set_role: (a) => {
      requireRole('manage_operators');
      const o = operatorById(a.id);
      if (a.role !== 'Coordinator' && lastCoordinator(o)) throw refuseLastCoordinator();
      o.role = a.role as Role;
      return delay(null, 200);
    },
    operator_remove: (a) => {
      requireRole('manage_operators');
      const o = operatorById(a.id);
      if (lastCoordinator(o)) throw refuseLastCoordinator();
      o.active = false;
      o.passphrase = null;
      return rotateKeys(a.onProgress);
    },
    keys_rotate: (a) => {
      requireRole('manage_operators');
      return rotateKeys(a.onProgress);
    },
    person_erase: (a) => {
      requireRole('erase');
      if (a.reason !== 'LegalRequest' && a.reason !== 'RetentionEnded') {
        throw err('invalid_record', [
          { field: 'reason', problem: { code: 'unknown_code', list: 'erasure_reason', examples: ['LegalRequest', 'RetentionEnded'] } },
        ]);
      }
      const doc = docFor(String(a.case));
      const op = `dev-nnk:${Date.now() % 100000}`;
      if (a.person == null) {
        // The victim, and with them the whole case.
        const id = doc.id ?? '';
        const entities =
          2 +
          ['witnesses', 'family_contacts', 'perpetrators'].reduce((n, k) => n + 2 * ((doc as Record<string, unknown[] | undefined>)[k]?.length ?? 0), 0) +
          ['events', 'services', 'followups', 'notes', 'attachments', 'plans', 'assessments'].reduce((n, k) => n + ((doc as Record<string, unknown[] | undefined>)[k]?.length ?? 0), 0);
        docs.delete(id);
        for (const list of [created, rows()]) {
          const i = list.findIndex((x) => x.id === id);
          if (i >= 0) list.splice(i, 1);
        }
        for (let i = referrals.length - 1; i >= 0; i -= 1) if (referrals[i].case_id === id) referrals.splice(i, 1);
        return delay({ op, entities, ops_emptied: entities * 4 }, 1200);
      }
      for (const k of ['witnesses', 'family_contacts', 'perpetrators'] as const) {
        const list = doc[k] ?? [];
        const i = list.findIndex((x) => x.person_id === a.person);
        if (i >= 0) {
          list.splice(i, 1);
          return delay({ op, entities: 2, ops_emptied: 9 }, 900);
        }
      }
      throw err('person_not_found');
    },
    code_lists: () => LISTS,
    case_list: (a) => {
      requireUnlocked();
      const f = a.filter as { status: string | null; child: boolean | null; exploitation: string | null; limit: number; offset: number };
      if (f.exploitation) requireRead('case', 'type_of_exploitation');
      let list = allSummaries();
      if (f.status || f.child != null || f.exploitation) {
        list = list.filter(
          (s) =>
            (!f.status || s.status === f.status) &&
            (f.child == null || s.is_child === f.child) &&
            (!f.exploitation || s.type_of_exploitation.includes(f.exploitation)),
        );
      }
      return delay({ count: list.length, cases: list.slice(f.offset, f.offset + (f.limit || 100)) }, 60);
    },
    case_search: (a) => {
      requireUnlocked();
      const words = String(a.text).toLowerCase().split(/\s+/).filter(Boolean);
      const hits = allSummaries().filter((s) =>
        words.every((w) => `${s.case_number} ${s.victim_name}`.toLowerCase().split(/\s+/).some((x) => x.startsWith(w))),
      );
      return delay(hits.slice(0, 200), 80);
    },
    case_get: (a) => {
      requireUnlocked();
      return delay(structuredClone(docFor(String(a.id))));
    },
    case_create: (a) => {
      requireRole('write_records');
      const doc = a.doc as CaseDoc;
      const problem = validate(doc, true);
      if (problem) throw problem;
      const year = (doc.intake?.date ?? '2024').slice(0, 4);
      const number = `${district.replace('.', '')}-${year}-${pad(created.length + 1, 4)}`;
      const id = newId();
      const birth = doc.victim?.birthdate;
      const full: CaseDoc = {
        ...doc,
        ...withIds(doc),
        id,
        case_number: number,
        district,
        status: doc.status ?? 'Active',
        is_child: !!birth && Number(year) - Number(birth.slice(0, 4)) < 18,
      };
      docs.set(id, full);
      created.unshift(summaryOf(full));
      const dup = (doc.victim?.second_name ?? '').toLowerCase().startsWith('taek') ? ['6503-2019-0001'] : [];
      return delay({ id, case_number: number, possible_duplicates: dup }, 300);
    },
    case_update: (a) => {
      requireRole('write_records');
      const id = String(a.id);
      const patch = a.doc as CaseDoc;
      const problem = validate(patch, false);
      if (problem) throw problem;
      const doc = docFor(id);
      // An item with an id edits that item, which must be in the case; nothing is written if not.
      for (const k of LIST_KEYS) {
        const items = (patch[k] ?? []) as { id?: string }[];
        const known = (doc[k] ?? []) as { id?: string }[];
        const missing = items.findIndex((x) => x.id && !known.some((y) => y.id === x.id));
        if (missing >= 0) {
          throw err('invalid_record', [
            { field: `${k}[${missing}].id`, problem: { code: 'not_found_in_case' } },
          ]);
        }
      }
      let changes = 0;
      for (const [k, v] of Object.entries(patch)) {
        if ((LIST_KEYS as readonly string[]).includes(k)) continue;
        if (k === 'victim' || k === 'intake' || k === 'law_enforcement' || k === 'consent') {
          const before = (doc as Record<string, Record<string, unknown> | undefined>)[k] ?? {};
          const after = { ...before };
          for (const [kk, vv] of Object.entries(v as Record<string, unknown>)) {
            if (JSON.stringify(before[kk]) !== JSON.stringify(vv)) changes += 1;
            if (vv === null) delete after[kk];
            else after[kk] = vv;
          }
          (doc as Record<string, unknown>)[k] = after;
        } else {
          changes += 1;
          (doc as Record<string, unknown>)[k] = v;
        }
      }
      const stampNote = (n: Note) => ({ ...n, written_at: new Date().toISOString() });
      if (patch.notes) {
        doc.notes = mergeList(doc.notes, patch.notes, stampNote);
        changes += patch.notes.length;
      }
      if (patch.followups) {
        doc.followups = mergeList(doc.followups, patch.followups);
        changes += patch.followups.length;
      }
      for (const k of ['witnesses', 'family_contacts', 'perpetrators', 'events', 'services', 'plans', 'assessments'] as const) {
        const items = patch[k] as { id?: string }[] | undefined;
        if (!items) continue;
        const known = (doc[k] ?? []) as { id?: string }[];
        (doc as Record<string, unknown>)[k] = mergeList(known, items, isParty(k) ? withPerson : k === 'plans' ? notStarted : undefined);
        changes += items.reduce((n, x) => n + Object.keys(x).filter((kk) => kk !== 'id').length, 0);
      }
      const i = created.findIndex((s) => s.id === id);
      if (i >= 0) created[i] = summaryOf(doc);
      return delay({ id, case_number: doc.case_number, changes }, 200);
    },
    attachment_add: (a) => {
      requireRole('write_records');
      if (!canWrite(caps(), 'attachment')) throw forbidden();
      const doc = docFor(String(a.caseId));
      const path = String(a.path ?? '').trim();
      if (!path) {
        throw err('invalid_record', [
          { field: 'path', problem: { code: 'required' } },
        ]);
      }
      if (path.includes('hilang')) throw err('io');
      const name = path.split(/[\\/]/).pop() ?? path;
      const id = newId();
      doc.attachments = [
        ...(doc.attachments ?? []),
        { id, name, mime: mimeOf(name), size: 1024 * (name.length + 40), sha256: 'cd'.repeat(32), description: (a.description as string | null) ?? null },
      ];
      return delay(id, 400);
    },
    attachment_open: (a) => {
      requireUnlocked();
      const doc = [...docs.values()].find((d) => (d.attachments ?? []).some((x) => x.id === a.id));
      const file = doc?.attachments?.find((x) => x.id === a.id);
      if (!doc || !file) throw err('attachment_not_found');
      accessLog.unshift({
        seq: (accessLog[0]?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        operator: current().name,
        action: 'export_attachment',
        target: file.id,
        case_number: doc.case_number ?? null,
      });
      return delay(null, 300);
    },
    referral_create: (a) => {
      requireRole('write_records');
      const doc = docFor(String(a.caseId));
      const to = String(a.to);
      if (!(doc.consent?.share_districts ?? []).includes(to) && !a.consentOverride) {
        throw err('consent_missing');
      }
      const r: Referral = {
        id: newId(),
        case_id: doc.id ?? '',
        case_number: doc.case_number ?? '',
        from_district: district,
        to_district: to,
        status: 'Draft',
        reason: null,
        details: String(a.reason),
        services_requested: (a.services as string[]) ?? [],
        response_note: null,
      };
      referrals.push(r);
      return r.id;
    },
    referral_list: () =>
      structuredClone(referrals).map((r) => ({
        ...r,
        reason: canRead(caps(), 'referral', 'reason') ? r.reason : null,
        details: canRead(caps(), 'referral', 'details') ? r.details : null,
        response_note: canRead(caps(), 'referral', 'response_note') ? r.response_note : null,
      })),
    referral_decide: (a) => {
      requireRole('write_records');
      const r = referrals.find((x) => x.id === a.id);
      if (!r) throw err('referral_not_found');
      if (r.to_district !== district) {
        throw err('not_receiver');
      }
      r.status = a.accept ? 'Accepted' : 'Declined';
      r.response_note = (a.note as string | null) ?? null;
      return structuredClone(r);
    },
    referral_complete: (a) => {
      requireRole('write_records');
      const r = referrals.find((x) => x.id === a.id);
      if (!r) throw err('referral_not_found');
      if (r.status !== 'Accepted') throw err('not_accepted');
      r.status = 'Completed';
      return structuredClone(r);
    },
    own_identity: () => ({
      district,
      district_name: districtName,
      fingerprint: '111136332393390478236273415889973128597575989271630671376053',
    }),
    backup_write: (a) => {
      requireRole('backup');
      const path = `${String(a.folder).replace(/\/$/, '')}/lintas-cadangan-${district.replace('.', '')}.lintas-backup`;
      return delay({ path, bytes: 1212416, sha256: 'ab'.repeat(32), cases: 3 }, 800);
    },
    identity_card_write: (a) =>
      delay({ path: `${String(a.folder).replace(/\/$/, '')}/${district}.card`, fingerprint: '111136332393390478236273415889973128597575989271630671376053' }, 300),
    trust_add: (a) => {
      requireRole('manage_trust');
      const digits = String(a.fingerprint).replace(/\D/g, '');
      if (digits.length !== 60) {
        throw err('fingerprint_mismatch');
      }
      trusted.push({
        device_id: newId(),
        district: '52.01',
        district_name: 'Kabupaten Lombok Barat',
        added_at: new Date().toISOString(),
        added_via: 'card',
        revoked_at: null,
        signing_key: 'SJV78j1M9pGopNQQpmA1igIcHPlF+GpvkmUnltJdyCY=',
        age_recipient: 'age138rgntlut90u7k8ms20psztd0w22n8gzj03236z35fqt636a6p6q7c9v8w',
      });
      return { district: '52.01', district_name: 'Kabupaten Lombok Barat', devices: 1 };
    },
    trust_list: () => structuredClone(trusted),
    trust_revoke: (a) => {
      requireRole('manage_trust');
      const d = trusted.find((x) => x.device_id === a.deviceId);
      if (!d) throw err('device_not_found');
      d.revoked_at = new Date().toISOString();
      return null;
    },
    bundle_export: (a) => {
      requireRole('export_records');
      if (!trusted.some((d) => d.district === a.to && !d.revoked_at)) {
        throw err('no_recipient');
      }
      for (const r of referrals) if (r.to_district === a.to && r.status === 'Draft') r.status = 'Sent';
      return delay(
        { id: newId(), path: `${String(a.folder)}/nunukan-ke-${String(a.to)}-1.lintas`, district: a.to, cases: 1, ops: 8, attachments: 0, bytes: 5774 },
        1500,
      );
    },
    bundle_inspect: (a) => {
      const p = String(a.path);
      if (p.includes('rusak')) throw err('bundle_tampered');
      return delay({ id: 'b394125b', sender_district: '53.03', sender_district_name: 'Kabupaten Timor Tengah Utara', recipient_district: district, created_at: '2026-11-22T16:56:32Z', ops: 5, attachments: 0 }, 400);
    },
    bundle_import: (a) => {
      requireRole('import_bundles');
      const p = String(a.path);
      if (p.includes('rusak')) throw err('bundle_tampered');
      if (p.includes('potong')) throw err('bundle_incomplete');
      if (p.includes('asing')) throw err('untrusted_sender');
      if (p.includes('palsu')) {
        raise('impersonation', 'bundle', '53.04', '53.03');
        throw err('impersonation');
      }
      raise('not_carer', 'refused', '53.03', '53.03');
      return delay(
        {
          id: newId(),
          sender_district: '53.03',
          sender_district_name: 'Kabupaten Timor Tengah Utara',
          new_cases: ['5303-2020-0001'],
          updated_cases: ['6503-2019-0001'],
          ops_applied: 5,
          ops_already_present: 0,
          duplicates_unchecked: 0,
          ops_waiting: 0,
          conflicts: conflicts.length,
          duplicates: [['5303-2020-0001', '6503-2019-0001']],
          alerts: 1,
          referrals_received: 0,
          persons_erased: 0,
          ops_refused: 1,
          erasure_requests: 0,
        },
        1500,
      );
    },
    spreadsheet_check: (a) => {
      requireRole('write_records');
      return withSheetProgress(a.onProgress, 400, () => sheetReport(String(a.path)));
    },
    spreadsheet_import: (a) => {
      requireRole('write_records');
      return withSheetProgress(a.onProgress, 800, () => importSheet(String(a.path)));
    },
    spreadsheet_export: (a) => {
      requireRole('export_records');
      const folder = String(a.folder).replace(/\/$/, '');
      if (folder.includes('hilang')) throw err('io');
      return delay({ path: `${folder}/lintas-htcds.xlsx`, cases: allSummaries().length }, 600);
    },
    alerts_list: () => {
      requireRole('read_audit');
      return structuredClone(alerts);
    },
    alerts_open_count: () => {
      requireUnlocked();
      return alerts.filter((a) => !a.dismissed_at).length;
    },
    alert_dismiss: (a) => {
      requireRole('manage_trust');
      const alert = alerts.find((x) => x.id === a.id);
      if (alert && !alert.dismissed_at) alert.dismissed_at = new Date().toISOString();
      return delay(null, 150);
    },
    erasure_requests: () => {
      requireRole('erase');
      return erasureRequests();
    },
    erasure_confirm: (a) => {
      requireRole('erase');
      const r = erasureRequests().find((x) => x.alert === a.alert);
      if (!r) throw err('case_not_found');
      const erased = handlers.person_erase({ case: docIdFor(r.case_number), person: r.person, reason: a.reason });
      const alert = alerts.find((x) => x.id === a.alert);
      if (alert) alert.dismissed_at = new Date().toISOString();
      return erased;
    },
    conflicts_list: () => {
      requireRole('review_matches');
      return structuredClone(conflicts);
    },
    conflict_resolve: (a) => {
      requireRole('review_matches');
      const c = conflicts.find((x) => x.id === a.id);
      if (!c) throw err('conflict_not_found');
      const chosen = a.keep != null ? c.versions.find((v) => v.op === a.keep) : undefined;
      if (a.keep != null && !chosen) throw err('not_a_conflict_version');
      if (a.keep == null && (a.value === null || a.value === undefined)) {
        throw err('invalid_input');
      }
      // The value decided goes into the person it belongs to, wherever they are in the case.
      const doc = docs.get(c.case_id);
      const people = [doc?.victim, ...(doc?.witnesses ?? []), ...(doc?.family_contacts ?? []), ...(doc?.perpetrators ?? [])];
      const person = people.find((p) => p && (p.id === c.entity_id || p.person_id === c.entity_id)) as Record<string, unknown> | undefined;
      const value = chosen ? chosen.value : a.value;
      if (person && c.field.startsWith('address_')) person.address = { ...(person.address as object), [c.field.slice(8)]: value };
      else if (person) person[c.field] = value;
      conflicts = conflicts.filter((x) => x.id !== a.id);
      return null;
    },
    duplicates_list: () => {
      requireRole('review_matches');
      return structuredClone(duplicates);
    },
    duplicate_link: (a) => {
      requireRole('review_matches');
      const i = pairOf(a);
      const id = newId();
      duplicates[i].link = [id, 'Linked'];
      return id;
    },
    duplicate_not_same: (a) => {
      requireRole('review_matches');
      const i = pairOf(a);
      duplicates.splice(i, 1);
      return delay(newId(), 150);
    },
    organisation_list: () => {
      requireUnlocked();
      if (!canRead(caps(), 'organisation', 'name')) throw forbidden();
      return [...organisations]
        .sort((x, y) => x.name.localeCompare(y.name, 'id', { sensitivity: 'base' }))
        .map((o) => ({ ...structuredClone(o), cases: casesNaming(o.id) }));
    },
    organisation_create: (a) => {
      requireRole('write_records');
      if (!canWrite(caps(), 'organisation')) throw forbidden();
      const doc = (a.doc ?? {}) as Record<string, unknown>;
      checkOrganisation(doc, null);
      const id = newId();
      const o: MockOrganisation = {
        id, name: '', type: null, province: null, regency: null, address: null, phone: null, services: [], notes: null, ours: true,
        licence_number: null,
      };
      for (const k of ORGANISATION_KEYS) if (doc[k] !== undefined && doc[k] !== null) (o as Record<string, unknown>)[k] = doc[k];
      organisations.push(o);
      return delay(id, 200);
    },
    organisation_update: (a) => {
      requireRole('write_records');
      if (!canWrite(caps(), 'organisation')) throw forbidden();
      const o = organisations.find((x) => x.id === a.id);
      if (!o) throw err('organisation_not_found');
      if (!o.ours) {
        throw err('not_authorised');
      }
      const doc = (a.doc ?? {}) as Record<string, unknown>;
      checkOrganisation(doc, o);
      let changes = 0;
      for (const k of ORGANISATION_KEYS) {
        if (!(k in doc) || JSON.stringify(doc[k]) === JSON.stringify(o[k])) continue;
        (o as Record<string, unknown>)[k] = doc[k] ?? (k === 'services' ? [] : null);
        changes += 1;
      }
      return delay(changes, 200);
    },
    assessment_approve: (a) => {
      requireRole('approve_assessments');
      const found = [...docs.values()].flatMap((d) => d.assessments ?? []).find((x) => x.id === a.id);
      if (!found) throw err('assessment_not_found');
      if (found.kind !== 'BestInterest') {
        throw err('not_a_best_interest_assessment');
      }
      found.approved_by = current().id;
      found.approved_on = new Date().toISOString();
      return delay(null, 200);
    },
    worklist: () => {
      requireUnlocked();
      return delay(worklist(), 60);
    },
    duplicate_unlink: () => {
      duplicates.splice(0, 1);
      return null;
    },
    audit_verify: () => delay({ devices: 2, ops: 13 }, 1200),
    audit_log: (a) => {
      requireRole('read_audit');
      const offset = Number(a.offset);
      return delay(auditLog.slice(offset, offset + Number(a.limit)), 150);
    },
    access_log: (a) => {
      requireRole('read_audit');
      const offset = Number(a.offset);
      return delay(accessLog.slice(offset, offset + Number(a.limit)), 150);
    },
    report_stats: (a) => {
      requireRole('read_statistics');
      const period = a.period as ReportPeriod;
      if (period.from && period.to && period.from > period.to) throw err('invalid_input');
      return delay(statsFor(period.from ?? null, period.to ?? null, period.district ?? null), 400);
    },
    report_print: (a) => {
      requireUnlocked();
      const folder = String(a.folder).replace(/\/$/, '');
      if (folder.includes('hilang')) throw err('io');
      const period = a.period as ReportPeriod;
      const s = statsFor(period.from ?? null, period.to ?? null, period.district ?? null);
      accessLog.unshift({
        seq: (accessLog[0]?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        operator: current().name,
        action: 'export_report',
        target: `${period.from ?? ''}..${period.to ?? ''}${period.district ? ` ${period.district}` : ''}`,
        case_number: null,
      });
      return delay({ path: `${folder}/laporan-statistik-${district.replace('.', '')}-20251220-101500.html`, bytes: 9731, victims: s.victims }, 500);
    },
    regions: () => regionList(),
    register_list: (a) => {
      requireUnlocked();
      const register = a.register as Register;
      if (!canRead(caps(), register, 'kind') && !canRead(caps(), register, 'name') && !canRead(caps(), register, 'title')) throw forbidden();
      const from = (a.from as string | null) ?? null;
      const to = (a.to as string | null) ?? null;
      return delay(
        registers
          .filter((e) => e.register === register)
          .filter((e) => (!from || entryDate(e) >= from) && (!to || entryDate(e) <= to))
          .sort((x, y) => entryDate(y).localeCompare(entryDate(x)))
          .map((e): RegisterEntry => ({ ...structuredClone(e), enrolled: register === 'programme' ? enrolled(e.id) : 0 })),
        150,
      );
    },
    register_create: (a) => {
      requireRole('write_records');
      const register = a.register as Register;
      if (!canWrite(caps(), register)) throw forbidden();
      const doc = (a.doc ?? {}) as Record<string, unknown>;
      checkRegister(register, doc, null);
      const id = newId();
      const stored: Record<string, unknown> = {};
      applyRegister(stored, doc);
      registers.push({ id, register, doc: stored, ours: true });
      return delay(id, 200);
    },
    register_update: (a) => {
      requireRole('write_records');
      const register = a.register as Register;
      if (!canWrite(caps(), register)) throw forbidden();
      const e = registers.find((x) => x.id === a.id && x.register === register);
      if (!e) throw err('record_not_found');
      if (!e.ours) throw err('not_authorised');
      const doc = (a.doc ?? {}) as Record<string, unknown>;
      checkRegister(register, doc, e.doc);
      return delay(applyRegister(e.doc, doc), 200);
    },
    annual_view: (a) => {
      requireRole('read_statistics');
      const period = a.period as ReportingPeriod;
      return delay(reportView(`${districtName} (${district})`, period, [], (a.population as number | null) ?? null), 400);
    },
    annual_write: (a) => {
      requireRole('read_statistics');
      const folder = writable(a.folder);
      const period = a.period as ReportingPeriod;
      return delay({ path: `${folder}/laporan-tahunan-${district.replace('.', '')}-${periodName(period)}.${String(a.format)}`, victims: 42 }, 500);
    },
    aggregate_write: (a) => {
      requireRole('read_statistics');
      const folder = writable(a.folder);
      const period = a.period as ReportingPeriod;
      return delay({ path: `${folder}/agregat-${district.replace('.', '')}-${periodName(period)}.json`, victims: 42 }, 500);
    },
    rollup_view: (a) => {
      requireRole('read_statistics');
      const { province, parts } = rollupCheck(a.province, a.files);
      const name = LISTS.province.find((x) => x.code === province)?.id ?? province;
      return delay(reportView(`${name} (${province})`, { year: 2025, semester: null }, parts, (a.population as number | null) ?? null, parts.length), 500);
    },
    rollup_write: (a) => {
      requireRole('read_statistics');
      const { province } = rollupCheck(a.province, a.files);
      const folder = writable(a.folder);
      return delay({ path: `${folder}/laporan-tahunan-${province}-2025.${String(a.format)}`, victims: 42 }, 500);
    },
    reference_import: (a) => {
      const p = String(a.path);
      if (p.includes('rusak')) throw err('invalid_input');
      if (p.includes('hilang')) throw err('io');
      regions.set('53.03', 'Kabupaten Timor Tengah Utara');
      regions.set('53.04', 'Kabupaten Belu');
      regions.set('65.03', 'Kabupaten Nunukan');
      regions.set('52.01', 'Kabupaten Lombok Barat');
      return delay({ provinces: 38, regencies: 514, skipped: 7266 }, 500);
    },
    dashboard: () => ({
      by_month: [
        ['2025-01', 14], ['2025-02', 9], ['2025-03', 21], ['2025-04', 17], ['2025-05', 25], ['2025-06', 30],
        ['2025-07', 12], ['2025-08', 19], ['2025-09', 27], ['2025-10', 22], ['2025-11', 16], ['2025-12', 11],
      ],
      by_exploitation: canRead(caps(), 'case', 'type_of_exploitation')
        ? [['ForcedLabour', 120], ['SexualExploitation', 64], ['ChildLabour', 18], ['Servitude', 9]]
        : [],
      by_country: canRead(caps(), 'case', 'country_of_exploitation') ? [['MY', 171], ['SA', 22], ['TW', 11], ['KH', 7]] : [],
      by_referral_status: [['Sent', 12], ['Received', 4], ['Accepted', 31], ['Completed', 26], ['Declined', 2]],
      followups_due: 5,
      followups_overdue: 2,
      total_cases: count + created.length,
      children: Math.floor(count / 5) + 1,
    }),
  };

  return async (cmd, args) => {
    const h = handlers[cmd];
    // What Tauri itself rejects an unknown command with: a plain string.
    if (!h) throw `Mock: no command ${cmd}`;
    return h(args ?? {});
  };
}
