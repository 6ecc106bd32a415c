// Types of the values that cross the boundary between the UI and the Rust shell.
//
// Every type the shell sends or reads is generated from Rust (ts-rs, src/bindings/) and only
// re-exported here, under the name the screens use; the core's tidy test fails on a hand-written
// copy. What is left here has no Rust type to generate from: the case document (a JSON document
// the core validates against its schema), and a few UI-side unions.

import type { CodeEntry } from './bindings/CodeEntry';
import type { IpcError } from './bindings/IpcError';

/** Codes the UI raises itself: a rejection that is not the shell's, a file dialog that cannot
 * open, Lintas opened outside its window. Every other code is the core's `ErrorCode`. */
export type UiErrorCode = 'unknown' | 'dialog_unavailable' | 'not_in_shell';

/** An error as the screens show it: the shell's (`IpcError`, generated), or one the UI raised. */
export type ShownError = Omit<IpcError, 'code'> & { code: IpcError['code'] | UiErrorCode };

export type Lang = 'id' | 'en';







export type CodeLists = Record<string, CodeEntry[]>;




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













/** The bounds of a report: intake dates ("YYYY-MM-DD", inclusive) and a district code; null is open. */
export interface ReportPeriod {
  from: string | null;
  to: string | null;
  district: string | null;
}





/** Why a person's data is erased. */
export type ErasureReason = 'LegalRequest' | 'RetentionEnded';

// Generated from the Rust types (ts-rs, src/bindings); never copied by hand.
export type { IpcFieldError as FieldProblem } from './bindings/IpcFieldError';
export type { Role } from './bindings/Role';
export type { AppStatus } from './bindings/AppStatus';
export type { SetupDone as SetupResult } from './bindings/SetupDone';
export type { CodeEntry } from './bindings/CodeEntry';
export type { CaseFilter } from './bindings/CaseFilter';
export type { CaseSummary } from './bindings/CaseSummary';
export type { CasePage as CaseListPage } from './bindings/CasePage';
export type { Created } from './bindings/Created';
export type { Updated } from './bindings/Updated';
export type { Referral } from './bindings/Referral';
export type { OwnIdentity } from './bindings/OwnIdentity';
export type { CardWritten } from './bindings/CardWritten';
export type { BackupSummary } from './bindings/BackupSummary';
export type { TrustAdded } from './bindings/TrustAdded';
export type { TrustedDevice } from './bindings/TrustedDevice';
export type { ExportSummary } from './bindings/ExportSummary';
export type { Version as ConflictVersion } from './bindings/Version';
export type { Conflict } from './bindings/Conflict';
export type { Record as DuplicateRecord } from './bindings/Record';
export type { Candidate } from './bindings/Candidate';
export type { AuditReport as AuditResult } from './bindings/AuditReport';
export type { Dashboard } from './bindings/Dashboard';
export type { Region } from './bindings/Region';
export type { RegionImport } from './bindings/RegionImport';
export type { AuditEntry } from './bindings/AuditEntry';
export type { Referrals as ReportReferrals } from './bindings/Referrals';
export type { Followups as ReportFollowups } from './bindings/Followups';
export type { Stats } from './bindings/Stats';
export type { PrintedReport } from './bindings/PrintedReport';
export type { AccessEntry } from './bindings/AccessEntry';
export type { Operator } from './bindings/Operator';
export type { EntityKind } from './bindings/EntityKind';
export type { Erased } from './bindings/Erased';
export type { RestoreSummary } from './bindings/RestoreSummary';
export type { IpcError } from './bindings/IpcError';
export type { ErrorCode } from './bindings/ErrorCode';
