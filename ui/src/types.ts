// Types of the values that cross the boundary between the UI and the Rust shell.
//
// These interfaces mirror the command contract field by field (snake_case, as the shell
// serialises them). When the generated bindings appear in src/bindings/, these can be replaced
// by re-exports of the generated types without touching the rest of the UI.

export type Lang = 'id' | 'en';

/** One invalid field of a rejected record. `field` is a path such as `witnesses[0].gender`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every failed command rejects with this shape; `message` is already in the current language. */
export interface IpcError {
  code: string;
  message: string;
  fields: FieldProblem[];
}

/** An operator's role on this laptop; what it allows comes from the core as `Capabilities`. */
export type Role = 'Coordinator' | 'CaseWorker' | 'ShelterStaff' | 'ReadOnly';

export interface AppStatus {
  initialised: boolean;
  unlocked: boolean;
  /** Null while the store is locked: the district is read from inside the encrypted store. */
  district: string | null;
  district_name: string | null;
  operator: string | null;
  /** The role of the operator working now; null while locked. */
  role: Role | null;
  /** What that role may read, write and do: the core's table (src/roles.ts looks things up in it). */
  capabilities: Capabilities | null;
  /** "id" or "en"; typed as text because the shell sends it as text. */
  lang: string;
}

export interface SetupResult {
  recovery_key: string;
}

export interface CodeEntry {
  code: string;
  id: string;
  en: string;
}

export type CodeLists = Record<string, CodeEntry[]>;

/** Filters of the case list; null means "any". */
export interface CaseFilter {
  status: string | null;
  child: boolean | null;
  exploitation: string | null;
  limit: number;
  offset: number;
}

export interface CaseSummary {
  id: string;
  case_number: string;
  district: string;
  status: string | null;
  intake_date: string | null;
  victim_name: string;
  gender: string | null;
  is_child: boolean;
  trafficking_status: string | null;
  type_of_exploitation: string[];
  country_of_exploitation: string | null;
}

export interface CaseListPage {
  count: number;
  cases: CaseSummary[];
}

export interface Address {
  province?: string | null;
  regency?: string | null;
  subdistrict?: string | null;
  village?: string | null;
  street?: string | null;
}

/** Fields shared by the victim and every witness, family contact and perpetrator. */
export interface Person {
  id?: string;
  person_id?: string;
  first_name?: string | null;
  middle_name?: string | null;
  second_name?: string | null;
  aliases?: string[];
  gender?: string | null;
  birthdate?: string | null;
  citizenship?: string[];
  identity_number?: string | null;
  passport_number?: string | null;
  phone?: string | null;
  address?: Address;
}

export interface Witness extends Person {
  statement?: string | null;
}

export interface FamilyContact extends Person {
  relationship?: string | null;
}

export interface Perpetrator extends Person {
  role_in_process?: string[];
  role_details?: string | null;
}

export interface CaseEvent {
  id?: string;
  type?: string | null;
  date?: string | null;
  place?: string | null;
  country?: string | null;
  description?: string | null;
}

export interface Service {
  id?: string;
  type?: string | null;
  status?: string | null;
  provider?: string | null;
  objectives?: string | null;
  action_plan?: string | null;
  planned_end_date?: string | null;
  actual_end_date?: string | null;
}

export interface Followup {
  id?: string;
  due_date?: string | null;
  visit_date?: string | null;
  status?: string | null;
  visited_by?: string | null;
  notes?: string | null;
}

export interface Note {
  id?: string;
  body?: string;
  written_at?: string;
}

export interface Consent {
  interview?: boolean | null;
  informed_purpose?: boolean | null;
  informed_use?: boolean | null;
  informed_research?: boolean | null;
  informed_access?: boolean | null;
  informed_retention?: boolean | null;
  informed_withdrawal?: boolean | null;
  share_districts?: string[];
  recorded_on?: string | null;
  withdrawn_on?: string | null;
}

export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface Intake {
  date?: string | null;
  place?: string | null;
  deportee_status?: string | null;
  deported_from?: string | null;
}

export interface LawEnforcement {
  stage?: string | null;
  report_number?: string | null;
  report_date?: string | null;
}

/** A case document as case_get returns it and case_create accepts it. Absent fields are omitted. */
export interface CaseDoc {
  id?: string;
  case_number?: string;
  district?: string;
  status?: string | null;
  trafficking_status?: string | null;
  type_of_exploitation?: string[];
  country_of_exploitation?: string | null;
  intake?: Intake;
  law_enforcement?: LawEnforcement;
  placement_agency?: string | null;
  document_misuse?: string[];
  means_of_control?: string[];
  method_of_recruitment?: string[];
  victim?: Person;
  witnesses?: Witness[];
  family_contacts?: FamilyContact[];
  perpetrators?: Perpetrator[];
  events?: CaseEvent[];
  services?: Service[];
  followups?: Followup[];
  notes?: Note[];
  consent?: Consent;
  attachments?: Attachment[];
  is_child?: boolean;
}

export interface Created {
  id: string;
  case_number: string;
  possible_duplicates: string[];
}

export interface Updated {
  id: string;
  case_number: string;
  changes: number;
}

export interface Referral {
  id: string;
  case_id: string;
  case_number: string;
  from_district: string;
  to_district: string;
  status: string;
  /** A code of the referral_reason list, if one was chosen. */
  reason: string | null;
  /** The reason as typed when the referral was made. */
  details: string | null;
  services_requested: string[];
  response_note: string | null;
}

export interface OwnIdentity {
  district: string;
  district_name: string;
  fingerprint: string;
}

export interface CardWritten {
  path: string;
  fingerprint: string;
}

/** An encrypted backup written to a folder. */
export interface BackupSummary {
  path: string;
  bytes: number;
  sha256: string;
  cases: number;
}

export interface TrustAdded {
  district: string;
  district_name: string;
  devices: number;
}

export interface TrustedDevice {
  device_id: string;
  district: string;
  district_name: string;
  added_at: string;
  added_via: string;
  revoked_at: string | null;
}

export interface ExportSummary {
  id: string;
  path: string;
  district: string;
  cases: number;
  ops: number;
  attachments: number;
  bytes: number;
}

/** What an import did; generated from Rust (src/bindings), like the alerts below. */
export type { ImportSummary } from './bindings/ImportSummary';
import type { Capabilities } from './bindings/Capabilities';
export type { Capabilities };
export type { Permission } from './bindings/Permission';
export type { FieldSet } from './bindings/FieldSet';

/**
 * Something an import refused, parked or turned into a request, for a person to act on:
 * `kind` is `refused` (one change), `bundle` (a whole bundle) or `request` (an erasure to
 * confirm); `rule` is a Rule code, or `legacy`.
 */
export type { Alert } from './bindings/Alert';
/** Why an alert was raised: the stable codes of the core's alert rules. */
export type { Rule as AlertRule } from './bindings/Rule';
/** An erasure another district made of a person in a case this district owns. */
export type { ErasureRequest } from './bindings/ErasureRequest';
/** What a change of the store's key did. */
export type { Rotated } from './bindings/Rotated';

/** The readable header of a bundle; its exact shape is the shell's, so it is kept open. */
export type BundleHeader = Record<string, unknown>;

export interface ConflictVersion {
  op: string;
  value: unknown;
  author: string;
  district: string | null;
  /** Milliseconds since 1970 (a u64 on the Rust side, hence bigint in generated types). */
  at_ms: number | bigint;
  provisional: boolean;
}

export interface Conflict {
  id: string;
  case_id: string;
  case_number: string;
  entity: string;
  entity_id: string;
  field: string;
  versions: ConflictVersion[];
}

export interface DuplicateRecord {
  person_id: string;
  case_id: string;
  case_number: string;
  district: string;
  name: string;
}

export interface Candidate {
  a: DuplicateRecord;
  b: DuplicateRecord;
  score: number;
  reasons: string[];
  link: [string, string] | null;
}

export interface AuditResult {
  devices: number;
  ops: number;
}

export interface Dashboard {
  by_month: [string, number][];
  by_exploitation: [string, number][];
  by_country: [string, number][];
  by_referral_status: [string, number][];
  followups_due: number;
  followups_overdue: number;
  total_cases: number;
  children: number;
}

/** A region with a known name: a province ("53"), or a kabupaten/kota ("53.03"). */
export interface Region {
  code: string;
  name: string;
}

/** What `reference_import` read from a Kepmendagri code list. */
export interface RegionImport {
  /** Province rows, checked against the provinces Lintas knows. */
  provinces: number;
  /** Kabupaten/kota rows, stored. */
  regencies: number;
  /** Rows with other codes (kecamatan, desa), which Lintas does not need. */
  skipped: number;
}

/** One change in the op log, without its value (a value may be personal data). */
export interface AuditEntry {
  op: string;
  /** RFC 3339, UTC. */
  at: string;
  /** The operator's name. */
  author: string | null;
  district: string | null;
  /** An entity kind such as `case`, `person` or `followup`. */
  entity: string;
  entity_id: string;
  /**
   * "create" or "set". The shell sends it as text, so other words are accepted too (and shown
   * as they are) should a newer Lintas add some.
   */
  action: 'create' | 'set' | (string & {});
  field: string | null;
  case_number: string | null;
}

/** Referral figures of a statistics report. */
export interface ReportReferrals {
  sent: number;
  received: number;
  accepted: number;
  declined: number;
  completed: number;
  /** Median days from sending to acceptance; null when none was accepted. */
  median_days_to_acceptance: number | null;
}

/** Follow-up visits of a statistics report: planned and not yet due, planned and late, done. */
export interface ReportFollowups {
  due: number;
  overdue: number;
  done: number;
}

/**
 * Task-force statistics of a period: victims (one per case, by intake date) by category, as
 * `[code, count]` pairs; services; referrals; follow-ups. Only aggregate figures.
 */
export interface Stats {
  victims: number;
  children: number;
  adults: number;
  by_sex: [string, number][];
  /** Age groups at intake: "0-11", "12-17", "18-25", "26-35", "36-45", "46+", "unknown". */
  by_age_group: [string, number][];
  by_exploitation: [string, number][];
  by_country: [string, number][];
  by_recruitment: [string, number][];
  services: [string, number][];
  referrals: ReportReferrals;
  followups: ReportFollowups;
}

/** The bounds of a report: intake dates ("YYYY-MM-DD", inclusive) and a district code; null is open. */
export interface ReportPeriod {
  from: string | null;
  to: string | null;
  district: string | null;
}

/** Where the printable report was written. */
export interface PrintedReport {
  path: string;
  bytes: number;
  victims: number;
}

/** One entry of the access log: who viewed or exported what, and when. Never personal data. */
export interface AccessEntry {
  seq: number;
  /** RFC 3339, UTC. */
  at: string;
  /** The operator's name. */
  operator: string | null;
  /** "view_case", "export_bundle", "export_anonymised", "export_attachment", "export_report", "export_backup". */
  action: string;
  /** A case or attachment id, a district code, or the bounds of a report. */
  target: string;
  /** The case viewed, or whose attachment was taken out. */
  case_number: string | null;
}

/** An operator of this laptop, as the list of operators shows them. */
export interface Operator {
  id: string;
  name: string;
  role: Role;
  /** False once removed: their passphrase no longer unlocks, what they wrote stays theirs. */
  active: boolean;
  /** Has a passphrase on this laptop (an operator learned from another laptop has none). */
  can_unlock: boolean;
  /** Is the operator working now. */
  current: boolean;
}

/** The kinds of record in the store, as the core names them (roles decide who writes which). */
export type EntityKind =
  | 'operator'
  | 'person'
  | 'case'
  | 'party'
  | 'event'
  | 'service'
  | 'followup'
  | 'note'
  | 'consent'
  | 'attachment'
  | 'referral'
  | 'share'
  | 'person_link';

/** Why a person's data is erased. */
export type ErasureReason = 'LegalRequest' | 'RetentionEnded';

/** What an erasure took out of this store. */
export interface Erased {
  /** The erase op, `device:seq`. */
  op: string;
  /** Records deleted: the person, and for a victim everything of the case. */
  entities: number;
  /** Changes in the log whose content was emptied (their place in the chain stays). */
  ops_emptied: number;
}

/** What a restore made: the same district's store, on a new device. */
export interface RestoreSummary {
  device_id: string;
  /** The device the backup was made on; it is revoked. */
  previous_device_id: string;
  district: string;
  district_name: string;
  cases: number;
  /** The district's new fingerprint (a new device, a revoked one). */
  fingerprint: string;
}
