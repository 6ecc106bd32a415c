// Types of the values that cross the boundary between the UI and the Rust shell.
//
// Every type the shell sends or reads is generated from Rust (ts-rs, src/bindings/) and only
// re-exported here, under the name the screens use; the core's tidy test fails on a hand-written
// copy. The case document's type is generated from the core's schema (bindings/CaseDoc.ts).
// What is declared here is the UI's own: its error codes, the language, and a few shapes the
// shell sends as an open document (a bundle's header).

import type { CodeEntry } from './bindings/CodeEntry';
import type { IpcError } from './bindings/IpcError';

/** Codes the UI raises itself: a rejection that is not the shell's, a file dialog that cannot
 * open, Lintas opened outside its window. Every other code is the core's `ErrorCode`. */
export type UiErrorCode = 'unknown' | 'dialog_unavailable' | 'not_in_shell';

/** One field's problem as the screens show it: its path and the UI's words for it. */
export interface ShownFieldError {
  field: string;
  message: string;
}

/**
 * An error as the screens show it: the shell's (`IpcError`, generated: a code and coded field
 * problems) worded from the UI's catalogue (i18n/errors.ts), or one the UI raised itself.
 */
export interface ShownError {
  code: IpcError['code'] | UiErrorCode;
  message: string;
  /** A detail the core gave, safe to show (a file's role, a position in a file). */
  detail?: string | null;
  fields: ShownFieldError[];
}

export type Lang = 'id' | 'en';

export type CodeLists = Record<string, CodeEntry[]>;

// The case document: generated from the core's schema (bindings/CaseDoc.ts, written by a core
// test), never copied by hand. The nested groups are named from it.
export type {
  Attachment,
  CaseDoc,
  CaseEvent,
  Consent,
  FamilyContact,
  Followup,
  Assessment,
  Note,
  Person,
  Perpetrator,
  Plan,
  Service,
  Witness,
} from './bindings/CaseDoc';
import type { CaseDoc, Person } from './bindings/CaseDoc';
export type Address = NonNullable<Person['address']>;
export type Intake = NonNullable<CaseDoc['intake']>;
export type LawEnforcement = NonNullable<CaseDoc['law_enforcement']>;

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

/** What checking or importing a spreadsheet found, row by row (generated from Rust). */
export type { ImportReport as SpreadsheetReport } from './bindings/ImportReport';
export type { RowProblem } from './bindings/RowProblem';
export type { RowDuplicate } from './bindings/RowDuplicate';

/** The workbook `spreadsheet_export` wrote: where, and how many cases it holds. */
export type { SpreadsheetWritten } from './bindings/SpreadsheetWritten';



// Generated from the Rust types (ts-rs, src/bindings); never copied by hand.
export type { IpcFieldError } from './bindings/IpcFieldError';
export type { Problem } from './bindings/Problem';
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
export type { ReportPeriod } from './bindings/ReportPeriod';
export type { ErasureReason } from './bindings/ErasureReason';
export type { Organisation } from './bindings/Organisation';
export type { Task } from './bindings/Task';
export type { TaskKind } from './bindings/TaskKind';
export type { Worklist } from './bindings/Worklist';
export type { Register } from './bindings/Register';
export type { Entry as RegisterEntry } from './bindings/Entry';
export type { ReportingPeriod } from './bindings/ReportingPeriod';
export type { ReportView } from './bindings/ReportView';
export type { ViewTable } from './bindings/ViewTable';
export type { ViewRow } from './bindings/ViewRow';
export type { PackFormat } from './bindings/PackFormat';
export type { PackWritten } from './bindings/PackWritten';
export type { AggregateWritten } from './bindings/AggregateWritten';
import type { Organisation } from './bindings/Organisation';

/**
 * An organisation as `organisation_create` and `organisation_update` take it: the fields of the
 * directory a district fills in (an update sends the changed ones; null clears one).
 */
export type OrganisationDoc = Partial<{
  [K in 'name' | 'type' | 'province' | 'regency' | 'address' | 'phone' | 'services' | 'notes' | 'licence_number']: Organisation[K] | null;
}>;

/** A register's document as `register_create` and `register_update` take it. */
export type RegisterDoc = Record<string, unknown>;
