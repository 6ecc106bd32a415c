// The registers of the task force's other work: prevention activities, trainings (with their
// participants counted by agency and sex) and empowerment programmes. Loading a register for a
// screen, the form of one record, and what a save sends: for a new record the fields filled in,
// for one this district wrote the fields that changed (null clears one). Counts go as numbers.

import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { dateOut, textOut } from './caseForm';
import { t } from './i18n';
import type { Register, RegisterDoc, RegisterEntry, ShownError } from './types';
import type { FieldErrors } from './validation';

/**
 * One register, loaded when `enabled`. `list` is null until it arrives and stays null when it
 * cannot be read (then `error` says why).
 */
export function useRegister(register: Register, enabled = true) {
  const [list, setList] = useState<RegisterEntry[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const load = () =>
    api.registerList(register).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: ShownError) => setError(e),
    );
  useEffect(() => {
    if (enabled) void load();
  }, [enabled, register]);
  return { list, error, reload: load };
}

/** The empowerment programmes, for a plan's choice of programme. */
export function useProgrammes(enabled = true) {
  return useRegister('programme', enabled);
}

/** The name of a programme by its id; the id itself when the register does not hold it. */
export function programmeName(list: RegisterEntry[] | null | undefined, id: string | null | undefined): string {
  if (!id) return '';
  const found = list?.find((p) => p.id === id);
  return typeof found?.doc.name === 'string' ? found.doc.name : id;
}

// ---------------------------------------------------------------------------------------------
// Small conversions.
// ---------------------------------------------------------------------------------------------

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * A typed count to the wire: a whole number, null when empty, and the text as typed when it is
 * not a whole number (the core then says what is wrong beside the input).
 */
export function countOut(v: string): number | string | null {
  const s = v.trim();
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : s;
}

/** Whether a typed count is empty or a whole number of zero or more. */
export function isCount(v: string): boolean {
  return /^\d*$/.test(v.trim());
}

/** Values compared as a form and a record hold them: empty text and empty lists are none. */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** For a new record the values filled in; for an existing one those that differ from it. */
function changed(values: Record<string, unknown>, orig: Record<string, unknown> | undefined): RegisterDoc {
  const out: RegisterDoc = {};
  for (const [k, v] of Object.entries(values)) {
    if (orig ? !same(v, orig[k]) : !same(v, null)) out[k] = v;
  }
  return out;
}

/** Checks that the counts of a form are whole numbers; the core checks them again. */
function countErrors(values: Record<string, string>, paths: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of paths) if (!isCount(values[p] ?? '')) out[p] = t('register.errCount');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Prevention activities.
// ---------------------------------------------------------------------------------------------

export const ACTIVITY_COUNTS = ['female_children', 'male_children', 'female_adults', 'male_adults'] as const;

export interface ActivityForm {
  kind: string;
  title: string;
  date: string;
  end_date: string;
  province: string;
  regency: string;
  subdistrict: string;
  village: string;
  organiser_id: string;
  /** Partner organisations, from the directory. */
  partner_ids: string[];
  audience: string[];
  female_children: string;
  male_children: string;
  female_adults: string;
  male_adults: string;
  topics: string[];
  regulation_status: string;
  materials: string;
  follow_up: string;
  share_districts: string[];
}

export const ACTIVITY_PATHS = [
  'kind', 'title', 'date', 'end_date', 'province', 'regency', 'subdistrict', 'village', 'organiser_id', 'partner_ids',
  'audience', ...ACTIVITY_COUNTS, 'topics', 'regulation_status', 'materials', 'follow_up', 'share_districts',
];

export function activityFromDoc(d: Record<string, unknown> | undefined): ActivityForm {
  return {
    kind: str(d?.kind),
    title: str(d?.title),
    date: str(d?.date),
    end_date: str(d?.end_date),
    province: str(d?.province),
    regency: str(d?.regency),
    subdistrict: str(d?.subdistrict),
    village: str(d?.village),
    organiser_id: str(d?.organiser_id),
    partner_ids: strs(d?.partner_ids),
    audience: strs(d?.audience),
    female_children: str(d?.female_children),
    male_children: str(d?.male_children),
    female_adults: str(d?.female_adults),
    male_adults: str(d?.male_adults),
    topics: strs(d?.topics),
    regulation_status: str(d?.regulation_status),
    materials: str(d?.materials),
    follow_up: str(d?.follow_up),
    share_districts: strs(d?.share_districts),
  };
}

/** What to send for an activity; null when nothing is to send. */
export function activityDoc(f: ActivityForm, orig?: Record<string, unknown>): RegisterDoc | null {
  const values: Record<string, unknown> = {
    kind: textOut(f.kind),
    title: textOut(f.title),
    date: dateOut(f.date),
    end_date: dateOut(f.end_date),
    province: textOut(f.province),
    regency: textOut(f.regency),
    subdistrict: textOut(f.subdistrict),
    village: textOut(f.village),
    organiser_id: textOut(f.organiser_id),
    partner_ids: [...f.partner_ids],
    audience: [...f.audience],
    topics: [...f.topics],
    // A village regulation's status means nothing for other kinds of activity.
    regulation_status: f.kind === 'VillageRegulation' ? textOut(f.regulation_status) : null,
    materials: textOut(f.materials),
    follow_up: textOut(f.follow_up),
    share_districts: [...f.share_districts],
  };
  for (const k of ACTIVITY_COUNTS) values[k] = countOut(f[k]);
  const doc = changed(values, orig);
  return Object.keys(doc).length > 0 ? doc : null;
}

/** The checks the activity form makes before sending (the core makes them again). */
export function activityErrors(f: ActivityForm): FieldErrors {
  const out = countErrors(f as unknown as Record<string, string>, ACTIVITY_COUNTS);
  if (!f.kind) out.kind = t('activity.errKind');
  if (!f.date.trim()) out.date = t('activity.errDate');
  if (!f.regency.trim()) out.regency = t('activity.errRegency');
  return out;
}

/** All the participants of an activity: the four counts added up (null when none is given). */
export function activityParticipants(doc: Record<string, unknown>): number | null {
  const ns = ACTIVITY_COUNTS.map((k) => doc[k]).filter((v): v is number => typeof v === 'number');
  return ns.length > 0 ? ns.reduce((a, b) => a + b, 0) : null;
}

// ---------------------------------------------------------------------------------------------
// Trainings.
// ---------------------------------------------------------------------------------------------

/** One row of a training's participants: an agency and how many women and men came from it. */
export interface ParticipantRow {
  /** The group's id when it is stored; null for a row added on this form. */
  id: string | null;
  agency: string;
  female: string;
  male: string;
}

export interface TrainingForm {
  title: string;
  topics: string[];
  organiser_id: string;
  start_date: string;
  end_date: string;
  province: string;
  regency: string;
  place: string;
  notes: string;
  share_districts: string[];
  participants: ParticipantRow[];
}

export const TRAINING_PATHS = [
  'title', 'topics', 'organiser_id', 'start_date', 'end_date', 'province', 'regency', 'place', 'notes', 'share_districts',
];

export function emptyParticipant(): ParticipantRow {
  return { id: null, agency: '', female: '', male: '' };
}

/** The participant groups a training's document holds. */
export function participantsOf(d: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const v = d?.participants;
  return Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Record<string, unknown>[]) : [];
}

export function trainingFromDoc(d: Record<string, unknown> | undefined): TrainingForm {
  const groups = participantsOf(d).map((g) => ({ id: str(g.id) || null, agency: str(g.agency), female: str(g.female), male: str(g.male) }));
  return {
    title: str(d?.title),
    topics: strs(d?.topics),
    organiser_id: str(d?.organiser_id),
    start_date: str(d?.start_date),
    end_date: str(d?.end_date),
    province: str(d?.province),
    regency: str(d?.regency),
    place: str(d?.place),
    notes: str(d?.notes),
    share_districts: strs(d?.share_districts),
    participants: groups.length > 0 ? groups : [emptyParticipant()],
  };
}

/** Whether a participant row holds nothing (a new row left blank is not sent). */
function blankRow(r: ParticipantRow): boolean {
  return !r.agency && !r.female.trim() && !r.male.trim();
}

/**
 * What to send for a training; null when nothing is to send. Participants: a new row with what
 * was filled in; a stored group with its id and the fields that changed.
 */
export function trainingDoc(f: TrainingForm, orig?: Record<string, unknown>): RegisterDoc | null {
  const values: Record<string, unknown> = {
    title: textOut(f.title),
    topics: [...f.topics],
    organiser_id: textOut(f.organiser_id),
    start_date: dateOut(f.start_date),
    end_date: dateOut(f.end_date),
    province: textOut(f.province),
    regency: textOut(f.regency),
    place: textOut(f.place),
    notes: textOut(f.notes),
    share_districts: [...f.share_districts],
  };
  const doc = changed(values, orig);
  const stored = participantsOf(orig);
  const participants: Record<string, unknown>[] = [];
  for (const r of f.participants) {
    const item = { agency: textOut(r.agency), female: countOut(r.female), male: countOut(r.male) };
    if (r.id) {
      const before = stored.find((g) => g.id === r.id);
      const diff = changed(item, before);
      if (Object.keys(diff).length > 0) participants.push({ id: r.id, ...diff });
    } else if (!blankRow(r)) {
      participants.push(changed(item, undefined));
    }
  }
  if (participants.length > 0) doc.participants = participants;
  return Object.keys(doc).length > 0 ? doc : null;
}

/** The checks the training form makes before sending (the core makes them again). */
export function trainingErrors(f: TrainingForm): FieldErrors {
  const out: FieldErrors = {};
  if (!f.title.trim()) out.title = t('training.errTitle');
  if (!f.start_date.trim()) out.start_date = t('training.errStart');
  f.participants.forEach((r, i) => {
    if (!r.id && !blankRow(r) && !r.agency) out[`participants[${i}].agency`] = t('training.errAgency');
    if (!isCount(r.female)) out[`participants[${i}].female`] = t('register.errCount');
    if (!isCount(r.male)) out[`participants[${i}].male`] = t('register.errCount');
  });
  return out;
}

/** A training's participants by sex, added up over its agencies. */
export function trainingTotals(doc: Record<string, unknown>): { female: number; male: number } {
  let female = 0;
  let male = 0;
  for (const g of participantsOf(doc)) {
    if (typeof g.female === 'number') female += g.female;
    if (typeof g.male === 'number') male += g.male;
  }
  return { female, male };
}

// ---------------------------------------------------------------------------------------------
// Empowerment programmes.
// ---------------------------------------------------------------------------------------------

export interface ProgrammeForm {
  name: string;
  kind: string;
  organisation_id: string;
  offers: string[];
  province: string;
  regency: string;
  capacity: string;
  start_date: string;
  end_date: string;
  notes: string;
  share_districts: string[];
}

export const PROGRAMME_PATHS = [
  'name', 'kind', 'organisation_id', 'offers', 'province', 'regency', 'capacity', 'start_date', 'end_date', 'notes', 'share_districts',
];

export function programmeFromDoc(d: Record<string, unknown> | undefined): ProgrammeForm {
  return {
    name: str(d?.name),
    kind: str(d?.kind),
    organisation_id: str(d?.organisation_id),
    offers: strs(d?.offers),
    province: str(d?.province),
    regency: str(d?.regency),
    capacity: str(d?.capacity),
    start_date: str(d?.start_date),
    end_date: str(d?.end_date),
    notes: str(d?.notes),
    share_districts: strs(d?.share_districts),
  };
}

/** What to send for a programme; null when nothing is to send. */
export function programmeDoc(f: ProgrammeForm, orig?: Record<string, unknown>): RegisterDoc | null {
  const doc = changed(
    {
      name: textOut(f.name),
      kind: textOut(f.kind),
      organisation_id: textOut(f.organisation_id),
      offers: [...f.offers],
      province: textOut(f.province),
      regency: textOut(f.regency),
      capacity: countOut(f.capacity),
      start_date: dateOut(f.start_date),
      end_date: dateOut(f.end_date),
      notes: textOut(f.notes),
      share_districts: [...f.share_districts],
    },
    orig,
  );
  return Object.keys(doc).length > 0 ? doc : null;
}

/** The checks the programme form makes before sending (the core makes them again). */
export function programmeErrors(f: ProgrammeForm): FieldErrors {
  const out = countErrors({ capacity: f.capacity }, ['capacity']);
  if (!f.name.trim()) out.name = t('programme.errName');
  if (!f.kind) out.kind = t('programme.errKind');
  return out;
}
