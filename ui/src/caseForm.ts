// Form models of a case and their conversion to the documents the backend accepts.
//
// Forms hold plain strings (what is in the inputs). Turning them into a document follows the
// backend's rules: for a new case, empty fields are left out; for an update, only what changed
// is sent, an emptied field is sent as null (which clears it), and a group (intake, address,
// law enforcement) is sent whole when any of its fields changed, so that the result is the same
// whether the backend merges groups key by key or replaces them.

import { parseDateInput, todayIso } from './format';
import type { Assessment, CaseDoc, CaseEvent, Consent, Person, Plan, Service, Witness } from './types';

export interface PersonForm {
  first_name: string;
  middle_name: string;
  second_name: string;
  /** Other names, separated by commas. */
  aliases: string;
  gender: string;
  birthdate: string;
  identity_number: string;
  passport_number: string;
  phone: string;
  citizenship: string;
  province: string;
  regency: string;
  subdistrict: string;
  village: string;
  street: string;
}

/** The lists of the people with a part in a case, besides the victim. */
export type PartyKind = 'witnesses' | 'family_contacts' | 'perpetrators';

export const PARTY_KINDS: readonly PartyKind[] = ['witnesses', 'family_contacts', 'perpetrators'];

/** The lists of a case whose items the case screen adds and edits one at a time. */
export type ItemList = PartyKind | 'events' | 'services' | 'plans' | 'assessments';

/** A witness, family contact or perpetrator: the person, and the fields of their part. */
export interface PartyForm extends PersonForm {
  statement: string;
  relationship: string;
  role_in_process: string[];
  role_details: string;
}

/** A form of a repeatable item of the new-case form, with a key for the list only (never sent). */
export type Row<F> = F & { key: number };

export type WitnessForm = Row<PartyForm>;

export interface EventForm {
  type: string;
  date: string;
  place: string;
  country: string;
  regency: string;
  description: string;
}

export interface ServiceForm {
  type: string;
  status: string;
  provider: string;
  objectives: string;
  action_plan: string;
  planned_end_date: string;
  actual_end_date: string;
  stage: string;
  /** An organisation of the directory, by id. */
  organisation_id: string;
}

/** A support or reintegration plan (HTCDS 2.0): what it aims at, who carries it, how it went. */
export interface PlanForm {
  kind: string;
  type: string;
  stage: string;
  objectives: string;
  /** The goals, one per line. */
  goals: string;
  action_plan: string;
  organisation_id: string;
  start_date: string;
  planned_end_date: string;
  actual_end_date: string;
  progress: string;
  progress_note: string;
  outcome: string;
  outcome_note: string;
  /** The empowerment programme the plan enrols the person in, by id. */
  programme_id: string;
}

/** An assessment of risk and vulnerability, or a child's best interests. Who approved is never typed. */
export interface AssessmentForm {
  kind: string;
  date: string;
  risk_level: string;
  findings: string;
  recommendations: string;
  next_due: string;
}

export interface CoreForm {
  status: string;
  trafficking_status: string;
  type_of_exploitation: string[];
  country_of_exploitation: string;
  intake_date: string;
  intake_place: string;
  deportee_status: string;
  deported_from: string;
  le_stage: string;
  le_report_number: string;
  le_report_date: string;
  /** The court's verdict (code list `verdict`). */
  le_verdict: string;
  placement_agency: string;
  /** The placement agency (P3MI) of the directory, by id. */
  placement_agency_id: string;
  means_of_control: string[];
  method_of_recruitment: string[];
  document_misuse: string[];
}

export const CONSENT_FLAGS = [
  'interview',
  'informed_purpose',
  'informed_use',
  'informed_research',
  'informed_access',
  'informed_retention',
  'informed_withdrawal',
] as const;

export type ConsentFlag = (typeof CONSENT_FLAGS)[number];

export interface ConsentForm {
  flags: Record<ConsentFlag, boolean>;
  share: string;
  recorded_on: string;
  withdrawn_on: string;
}

export interface NewCaseFormModel {
  victim: PersonForm;
  core: CoreForm;
  witnesses: Row<PartyForm>[];
  family_contacts: Row<PartyForm>[];
  perpetrators: Row<PartyForm>[];
  events: Row<EventForm>[];
  services: Row<ServiceForm>[];
  consent: ConsentForm;
}

/** The repeatable lists of the new-case form, in the order of the form. */
export const NEW_CASE_LISTS = ['events', 'witnesses', 'family_contacts', 'perpetrators', 'services'] as const;

export type NewCaseList = (typeof NEW_CASE_LISTS)[number];

// ---------------------------------------------------------------------------------------------
// Small conversions.
// ---------------------------------------------------------------------------------------------

/** Text to a field value: trimmed, or null when empty. */
export function textOut(v: string): string | null {
  const s = v.trim();
  return s === '' ? null : s;
}

/**
 * A typed date to the wire form: "YYYY-MM-DD" when it can be read; the text as typed when it
 * cannot (the backend then says what is wrong next to the input); null when empty.
 */
export function dateOut(v: string): string | null {
  const s = v.trim();
  if (s === '') return null;
  return parseDateInput(s) ?? s;
}

/** "53.03, 53.04 ;53.05" → ["53.03", "53.04", "53.05"], without repeats. */
export function splitList(v: string): string[] {
  const out: string[] = [];
  for (const part of v.split(/[,;\s]+/)) {
    const s = part.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Lines of a text, trimmed, without empty ones: one goal per line → a list of goals. */
export function splitLines(v: string): string[] {
  return v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * "Ina, Maria T.; Nona" → ["Ina", "Maria T.", "Nona"]: names separated by commas, semicolons or
 * line breaks (a name may hold spaces), without repeats.
 */
export function splitNames(v: string): string[] {
  const out: string[] = [];
  for (const part of v.split(/[,;\n]+/)) {
    const s = part.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function sameList(a: string[] | null | undefined, b: string[]): boolean {
  const x = a ?? [];
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/** A value as compared between the form and the record: empty text and empty lists are none. */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * One item of a list of the case (a service, an event, the fields of a party) from the values of
 * its form (already in wire form: null for empty): for a new item the values filled in, for an
 * existing one the values that differ from it (null clears one). Empty when nothing is to send.
 */
export function itemValues<T extends object>(values: Record<string, unknown>, orig: T | undefined): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (orig) {
      if (!same(v, (orig as Record<string, unknown>)[k])) out[k] = v;
    } else if (!same(v, null)) out[k] = v;
  }
  return out as Partial<T>;
}

/** The item to send for a list of the case, with the id of the item it edits; null when empty. */
export function withId<T extends { id?: string }>(item: Partial<T>, orig: T | undefined): T | null {
  if (Object.keys(item).length === 0) return null;
  return (orig?.id ? { ...item, id: orig.id } : item) as T;
}

// ---------------------------------------------------------------------------------------------
// Person (the victim).
// ---------------------------------------------------------------------------------------------

export function emptyPerson(): PersonForm {
  return {
    first_name: '',
    middle_name: '',
    second_name: '',
    aliases: '',
    gender: '',
    birthdate: '',
    identity_number: '',
    passport_number: '',
    phone: '',
    citizenship: '',
    province: '',
    regency: '',
    subdistrict: '',
    village: '',
    street: '',
  };
}

export function personFromDoc(p: Person | undefined): PersonForm {
  const a = p?.address ?? {};
  return {
    first_name: str(p?.first_name),
    middle_name: str(p?.middle_name),
    second_name: str(p?.second_name),
    aliases: (p?.aliases ?? []).join(', '),
    gender: str(p?.gender),
    birthdate: str(p?.birthdate),
    identity_number: str(p?.identity_number),
    passport_number: str(p?.passport_number),
    phone: str(p?.phone),
    citizenship: p?.citizenship?.[0] ?? '',
    province: str(a.province),
    regency: str(a.regency),
    subdistrict: str(a.subdistrict),
    village: str(a.village),
    street: str(a.street),
  };
}

const PERSON_TEXT = ['first_name', 'middle_name', 'second_name', 'gender', 'identity_number', 'passport_number', 'phone'] as const;
const ADDRESS = ['province', 'regency', 'subdistrict', 'village', 'street'] as const;

/** A new person: only the fields that were filled in. */
export function personToDoc(f: PersonForm): Person {
  const p: Person = {};
  for (const k of PERSON_TEXT) {
    const v = textOut(f[k]);
    if (v !== null) p[k] = v;
  }
  const aliases = splitNames(f.aliases);
  if (aliases.length > 0) p.aliases = aliases;
  const birth = dateOut(f.birthdate);
  if (birth !== null) p.birthdate = birth;
  if (f.citizenship) p.citizenship = [f.citizenship];
  const address: Record<string, string> = {};
  for (const k of ADDRESS) {
    const v = textOut(f[k]);
    if (v !== null) address[k] = v;
  }
  if (Object.keys(address).length > 0) p.address = address;
  return p;
}

/** The changes to a person: only changed fields; null clears one. Empty when nothing changed. */
export function personDiff(orig: Person | undefined, f: PersonForm): Person {
  const before = personFromDoc(orig);
  const out: Person = {};
  for (const k of PERSON_TEXT) {
    if (f[k].trim() !== before[k].trim()) out[k] = textOut(f[k]);
  }
  const aliases = splitNames(f.aliases);
  if (!sameList(orig?.aliases, aliases)) out.aliases = aliases;
  if (f.birthdate.trim() !== before.birthdate.trim()) out.birthdate = dateOut(f.birthdate);
  if (f.citizenship !== before.citizenship) {
    // The form edits the first citizenship; any further ones are kept.
    const rest = (orig?.citizenship ?? []).slice(1);
    out.citizenship = f.citizenship ? [f.citizenship, ...rest.filter((c) => c !== f.citizenship)] : rest;
  }
  if (ADDRESS.some((k) => f[k].trim() !== before[k].trim())) {
    out.address = {};
    for (const k of ADDRESS) out.address[k] = textOut(f[k]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Core case fields.
// ---------------------------------------------------------------------------------------------

export function emptyCore(): CoreForm {
  return coreFromDoc({});
}

export function coreFromDoc(d: CaseDoc): CoreForm {
  return {
    status: str(d.status),
    trafficking_status: str(d.trafficking_status),
    type_of_exploitation: [...(d.type_of_exploitation ?? [])],
    country_of_exploitation: str(d.country_of_exploitation),
    intake_date: str(d.intake?.date),
    intake_place: str(d.intake?.place),
    deportee_status: str(d.intake?.deportee_status),
    deported_from: str(d.intake?.deported_from),
    le_stage: str(d.law_enforcement?.stage),
    le_report_number: str(d.law_enforcement?.report_number),
    le_report_date: str(d.law_enforcement?.report_date),
    le_verdict: str(d.law_enforcement?.verdict),
    placement_agency: str(d.placement_agency),
    placement_agency_id: str(d.placement_agency_id),
    means_of_control: [...(d.means_of_control ?? [])],
    method_of_recruitment: [...(d.method_of_recruitment ?? [])],
    document_misuse: [...(d.document_misuse ?? [])],
  };
}

const CORE_TEXT = ['status', 'trafficking_status', 'country_of_exploitation', 'placement_agency', 'placement_agency_id'] as const;
const CORE_LISTS = ['type_of_exploitation', 'means_of_control', 'method_of_recruitment', 'document_misuse'] as const;

function intakeOf(f: CoreForm) {
  return {
    date: dateOut(f.intake_date),
    place: textOut(f.intake_place),
    deportee_status: textOut(f.deportee_status),
    deported_from: textOut(f.deported_from),
  };
}

function lawOf(f: CoreForm) {
  return {
    stage: textOut(f.le_stage),
    report_number: textOut(f.le_report_number),
    report_date: dateOut(f.le_report_date),
    verdict: textOut(f.le_verdict),
  };
}

function withoutNulls<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The core fields of a new case: only what was filled in. */
export function coreToDoc(f: CoreForm): CaseDoc {
  const d: CaseDoc = {};
  for (const k of CORE_TEXT) {
    const v = textOut(f[k]);
    if (v !== null) d[k] = v;
  }
  for (const k of CORE_LISTS) if (f[k].length > 0) d[k] = [...f[k]];
  const intake = withoutNulls(intakeOf(f));
  if (Object.keys(intake).length > 0) d.intake = intake;
  const law = withoutNulls(lawOf(f));
  if (Object.keys(law).length > 0) d.law_enforcement = law;
  return d;
}

/** The changes to the core fields of a case. Empty when nothing changed. */
export function coreDiff(orig: CaseDoc, f: CoreForm): CaseDoc {
  const before = coreFromDoc(orig);
  const out: CaseDoc = {};
  for (const k of CORE_TEXT) if (f[k].trim() !== before[k].trim()) out[k] = textOut(f[k]);
  for (const k of CORE_LISTS) if (!sameList(before[k], f[k])) out[k] = [...f[k]];
  const intakeKeys = ['intake_date', 'intake_place', 'deportee_status', 'deported_from'] as const;
  if (intakeKeys.some((k) => f[k].trim() !== before[k].trim())) out.intake = intakeOf(f);
  const lawKeys = ['le_stage', 'le_report_number', 'le_report_date', 'le_verdict'] as const;
  if (lawKeys.some((k) => f[k].trim() !== before[k].trim())) out.law_enforcement = lawOf(f);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Witnesses, family contacts and perpetrators (parties). One item carries the person's fields
// and those of their part in the case.
// ---------------------------------------------------------------------------------------------

/** A party as the case document holds it (the three lists share one shape). */
export type Party = Witness;

export function emptyParty(): PartyForm {
  return partyFromDoc(undefined);
}

export function partyFromDoc(p: Party | undefined): PartyForm {
  return {
    ...personFromDoc(p),
    statement: str(p?.statement),
    relationship: str(p?.relationship),
    role_in_process: [...(p?.role_in_process ?? [])],
    role_details: str(p?.role_details),
  };
}

function partValues(f: PartyForm): Record<string, unknown> {
  return {
    statement: textOut(f.statement),
    relationship: textOut(f.relationship),
    role_in_process: [...f.role_in_process],
    role_details: textOut(f.role_details),
  };
}

/**
 * The item to send for a party: a new one with what was filled in, or the changed fields of
 * `orig` with its id. Null when there is nothing to send.
 */
export function partyDoc(f: PartyForm, orig?: Party): Party | null {
  const person = orig ? personDiff(orig, f) : personToDoc(f);
  return withId<Party>({ ...person, ...itemValues<Party>(partValues(f), orig) }, orig);
}

/** A blank witness row of the new-case form. */
export function emptyWitness(key: number): Row<PartyForm> {
  return { ...emptyParty(), key };
}

/** A witness of a new case: only the fields that were filled in. */
export function witnessToDoc(w: PartyForm): Witness {
  return partyDoc(w) ?? {};
}

// ---------------------------------------------------------------------------------------------
// Events and services.
// ---------------------------------------------------------------------------------------------

export function eventFromDoc(e: CaseEvent | undefined): EventForm {
  return {
    type: str(e?.type),
    date: str(e?.date),
    place: str(e?.place),
    country: str(e?.country),
    regency: str(e?.regency),
    description: str(e?.description),
  };
}

/** The item to send for an event: a new one, or the changes to `orig` with its id; null if none. */
export function eventDoc(f: EventForm, orig?: CaseEvent): CaseEvent | null {
  const values = {
    type: textOut(f.type),
    date: dateOut(f.date),
    place: textOut(f.place),
    country: textOut(f.country),
    regency: textOut(f.regency),
    description: textOut(f.description),
  };
  return withId(itemValues<CaseEvent>(values, orig), orig);
}

export function serviceFromDoc(s: Service | undefined): ServiceForm {
  return {
    type: str(s?.type),
    status: str(s?.status),
    provider: str(s?.provider),
    objectives: str(s?.objectives),
    action_plan: str(s?.action_plan),
    planned_end_date: str(s?.planned_end_date),
    actual_end_date: str(s?.actual_end_date),
    stage: str(s?.stage),
    organisation_id: str(s?.organisation_id),
  };
}

/** The item to send for a service: a new one, or the changes to `orig` with its id; null if none. */
export function serviceDoc(f: ServiceForm, orig?: Service): Service | null {
  const values = {
    type: textOut(f.type),
    status: textOut(f.status),
    provider: textOut(f.provider),
    objectives: textOut(f.objectives),
    action_plan: textOut(f.action_plan),
    planned_end_date: dateOut(f.planned_end_date),
    actual_end_date: dateOut(f.actual_end_date),
    stage: textOut(f.stage),
    organisation_id: textOut(f.organisation_id),
  };
  return withId(itemValues<Service>(values, orig), orig);
}

// ---------------------------------------------------------------------------------------------
// Plans and assessments.
// ---------------------------------------------------------------------------------------------

/** A plan's form; a new plan starts not started, as the core records one without progress. */
export function planFromDoc(p: Plan | undefined): PlanForm {
  return {
    kind: str(p?.kind),
    type: str(p?.type),
    stage: str(p?.stage),
    objectives: str(p?.objectives),
    goals: (p?.goals ?? []).join('\n'),
    action_plan: str(p?.action_plan),
    organisation_id: str(p?.organisation_id),
    start_date: str(p?.start_date),
    planned_end_date: str(p?.planned_end_date),
    actual_end_date: str(p?.actual_end_date),
    progress: p ? str(p.progress) : 'NotStarted',
    progress_note: str(p?.progress_note),
    outcome: str(p?.outcome),
    outcome_note: str(p?.outcome_note),
    programme_id: str(p?.programme_id),
  };
}

/** The item to send for a plan: a new one, or the changes to `orig` with its id; null if none. */
export function planDoc(f: PlanForm, orig?: Plan): Plan | null {
  const values = {
    kind: textOut(f.kind),
    type: textOut(f.type),
    stage: textOut(f.stage),
    objectives: textOut(f.objectives),
    goals: splitLines(f.goals),
    action_plan: textOut(f.action_plan),
    organisation_id: textOut(f.organisation_id),
    start_date: dateOut(f.start_date),
    planned_end_date: dateOut(f.planned_end_date),
    actual_end_date: dateOut(f.actual_end_date),
    progress: textOut(f.progress),
    progress_note: textOut(f.progress_note),
    outcome: textOut(f.outcome),
    outcome_note: textOut(f.outcome_note),
    programme_id: textOut(f.programme_id),
  };
  return withId(itemValues<Plan>(values, orig), orig);
}

export function assessmentFromDoc(a: Assessment | undefined): AssessmentForm {
  return {
    kind: str(a?.kind),
    date: str(a?.date),
    risk_level: str(a?.risk_level),
    findings: str(a?.findings),
    recommendations: str(a?.recommendations),
    next_due: str(a?.next_due),
  };
}

/**
 * The item to send for an assessment: a new one, or the changes to `orig` with its id; null if
 * none. Who approved it and when are Lintas's to record, never sent.
 */
export function assessmentDoc(f: AssessmentForm, orig?: Assessment): Assessment | null {
  const values = {
    kind: textOut(f.kind),
    date: dateOut(f.date),
    risk_level: textOut(f.risk_level),
    findings: textOut(f.findings),
    recommendations: textOut(f.recommendations),
    next_due: dateOut(f.next_due),
  };
  return withId(itemValues<Assessment>(values, orig), orig);
}

// ---------------------------------------------------------------------------------------------
// Consent.
// ---------------------------------------------------------------------------------------------

export function consentFromDoc(c: Consent | undefined): ConsentForm {
  const flags = {} as Record<ConsentFlag, boolean>;
  for (const k of CONSENT_FLAGS) flags[k] = c?.[k] === true;
  return {
    flags,
    share: (c?.share_districts ?? []).join(', '),
    recorded_on: str(c?.recorded_on),
    withdrawn_on: str(c?.withdrawn_on),
  };
}

export function emptyConsent(): ConsentForm {
  return consentFromDoc(undefined);
}

/**
 * The consent of a new case, or undefined when nothing was recorded. When consent was given
 * but its date left empty, today is used: a consent without a date is of little use later.
 */
export function consentToDoc(f: ConsentForm, today: string = todayIso()): Consent | undefined {
  const c: Consent = {};
  for (const k of CONSENT_FLAGS) if (f.flags[k]) c[k] = true;
  const share = splitList(f.share);
  if (share.length > 0) c.share_districts = share;
  const withdrawn = dateOut(f.withdrawn_on);
  if (withdrawn !== null) c.withdrawn_on = withdrawn;
  if (Object.keys(c).length === 0 && !f.recorded_on.trim()) return undefined;
  c.recorded_on = dateOut(f.recorded_on) ?? today;
  return c;
}

/** The changes to the consent of a case, or undefined when nothing changed. */
export function consentDiff(orig: Consent | undefined, f: ConsentForm, today: string = todayIso()): Consent | undefined {
  const before = consentFromDoc(orig);
  const out: Consent = {};
  for (const k of CONSENT_FLAGS) if (f.flags[k] !== before.flags[k]) out[k] = f.flags[k];
  const share = splitList(f.share);
  if (!sameList(orig?.share_districts, share)) out.share_districts = share;
  if (f.withdrawn_on.trim() !== before.withdrawn_on.trim()) out.withdrawn_on = dateOut(f.withdrawn_on);
  if (f.recorded_on.trim() !== before.recorded_on.trim()) out.recorded_on = dateOut(f.recorded_on);
  if (Object.keys(out).length === 0) return undefined;
  // A consent that changes without a date gets today's, as for a new case.
  if (!('recorded_on' in out) && !before.recorded_on) out.recorded_on = today;
  return out;
}

// ---------------------------------------------------------------------------------------------
// A whole new case.
// ---------------------------------------------------------------------------------------------

let rowKeys = 0;

/** A fresh key for a repeatable row of a form. */
export function nextRowKey(): number {
  rowKeys += 1;
  return rowKeys;
}

/** A fresh key for a witness row of a form. */
export const nextWitnessKey = nextRowKey;

/** A blank row of one of the repeatable lists of the new-case form. */
export function emptyRow(list: NewCaseList, key: number = nextRowKey()): Row<PartyForm | EventForm | ServiceForm> {
  if (list === 'events') return { ...eventFromDoc(undefined), key };
  if (list === 'services') return { ...serviceFromDoc(undefined), key };
  return { ...emptyParty(), key };
}

export function emptyNewCase(): NewCaseFormModel {
  return {
    victim: emptyPerson(),
    core: emptyCore(),
    witnesses: [],
    family_contacts: [],
    perpetrators: [],
    events: [],
    services: [],
    consent: emptyConsent(),
  };
}

/** The item a row of the new-case form sends, or null when nothing was filled in. */
function rowDoc(list: NewCaseList, row: PartyForm | EventForm | ServiceForm): object | null {
  if (list === 'events') return eventDoc(row as EventForm);
  if (list === 'services') return serviceDoc(row as ServiceForm);
  return partyDoc(row as PartyForm);
}

/**
 * For each repeatable list, the rows of the form that are sent, by their place in the form: rows
 * left empty are not sent (an empty witness would be a person with no name and nothing else).
 * `sentRows(f).witnesses[i]` is the form row of the document's `witnesses[i]`.
 */
export function sentRows(f: NewCaseFormModel): Record<NewCaseList, number[]> {
  const out = {} as Record<NewCaseList, number[]>;
  for (const list of NEW_CASE_LISTS) {
    out[list] = (f[list] as (PartyForm | EventForm | ServiceForm)[]).flatMap((row, i) => (rowDoc(list, row) ? [i] : []));
  }
  return out;
}

/** The document for case_create: only what was filled in. */
export function buildNewCaseDoc(f: NewCaseFormModel, today: string = todayIso()): CaseDoc {
  const doc: CaseDoc = { victim: personToDoc(f.victim), ...coreToDoc(f.core) };
  for (const list of NEW_CASE_LISTS) {
    const items = (f[list] as (PartyForm | EventForm | ServiceForm)[]).flatMap((row) => rowDoc(list, row) ?? []);
    if (items.length > 0) (doc as Record<string, unknown>)[list] = items;
  }
  const consent = consentToDoc(f.consent, today);
  if (consent) doc.consent = consent;
  return doc;
}

/**
 * The backend's error paths of a new case as paths of the form: the document's `witnesses[1]`
 * is the form's third witness when the second was left empty and not sent.
 */
export function rowPath(path: string, rows: Record<NewCaseList, number[]>): string {
  const m = /^(\w+)\[(\d+)\](.*)$/.exec(path);
  const row = m && (NEW_CASE_LISTS as readonly string[]).includes(m[1]) ? rows[m[1] as NewCaseList][Number(m[2])] : undefined;
  return m && row !== undefined ? `${m[1]}[${row}]${m[3]}` : path;
}

/** Whether a form differs from an empty new case (so that leaving it should ask first). */
export function isNewCaseTouched(f: NewCaseFormModel): boolean {
  if (NEW_CASE_LISTS.some((list) => f[list].length > 0)) return true;
  const blank = emptyNewCase();
  return JSON.stringify([f.victim, f.core, f.consent]) !== JSON.stringify([blank.victim, blank.core, blank.consent]);
}
