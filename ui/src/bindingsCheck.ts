// A compile-time check that the types generated from Rust (src/bindings/) fit the types this UI
// was written against (src/types.ts). Types added since (the import summary, alerts, erasure
// requests) are re-exported from the bindings themselves and need no check. Nothing here runs; `tsc --noEmit` (part of `npm run
// build`) fails when the shell starts sending something the UI does not expect, or stops
// accepting what the UI sends.

import type { AccessEntry as GenAccessEntry } from './bindings/AccessEntry';
import type { AppStatus as GenAppStatus } from './bindings/AppStatus';
import type { AuditEntry as GenAuditEntry } from './bindings/AuditEntry';
import type { AuditReport } from './bindings/AuditReport';
import type { BackupSummary as GenBackupSummary } from './bindings/BackupSummary';
import type { Candidate as GenCandidate } from './bindings/Candidate';
import type { CardWritten as GenCardWritten } from './bindings/CardWritten';
import type { CaseFilter as GenCaseFilter } from './bindings/CaseFilter';
import type { CasePage } from './bindings/CasePage';
import type { CaseSummary as GenCaseSummary } from './bindings/CaseSummary';
import type { CodeEntry as GenCodeEntry } from './bindings/CodeEntry';
import type { Conflict as GenConflict } from './bindings/Conflict';
import type { Created as GenCreated } from './bindings/Created';
import type { Dashboard as GenDashboard } from './bindings/Dashboard';
import type { EntityKind as GenEntityKind } from './bindings/EntityKind';
import type { Erased as GenErased } from './bindings/Erased';
import type { ExportSummary as GenExportSummary } from './bindings/ExportSummary';
import type { IpcError as GenIpcError } from './bindings/IpcError';
import type { Operator as GenOperator } from './bindings/Operator';
import type { OwnIdentity as GenOwnIdentity } from './bindings/OwnIdentity';
import type { PrintedReport as GenPrintedReport } from './bindings/PrintedReport';
import type { Referral as GenReferral } from './bindings/Referral';
import type { Region as GenRegion } from './bindings/Region';
import type { RegionImport as GenRegionImport } from './bindings/RegionImport';
import type { RestoreSummary as GenRestoreSummary } from './bindings/RestoreSummary';
import type { Role as GenRole } from './bindings/Role';
import type { SetupDone } from './bindings/SetupDone';
import type { Stats as GenStats } from './bindings/Stats';
import type { TrustAdded as GenTrustAdded } from './bindings/TrustAdded';
import type { TrustedDevice as GenTrustedDevice } from './bindings/TrustedDevice';
import type { Updated as GenUpdated } from './bindings/Updated';
import type * as Ui from './types';

/** True when every value of type From is a valid To. */
type Fits<From, To> = [From] extends [To] ? true : false;
type Ok<T extends true> = T;

/** What the shell sends must fit what the UI reads. */
export type ShellToUi = [
  Ok<Fits<GenAppStatus, Ui.AppStatus>>,
  Ok<Fits<SetupDone, Ui.SetupResult>>,
  Ok<Fits<GenCodeEntry, Ui.CodeEntry>>,
  Ok<Fits<CasePage, Ui.CaseListPage>>,
  Ok<Fits<GenCaseSummary, Ui.CaseSummary>>,
  Ok<Fits<GenCreated, Ui.Created>>,
  Ok<Fits<GenUpdated, Ui.Updated>>,
  Ok<Fits<GenReferral, Ui.Referral>>,
  Ok<Fits<GenOwnIdentity, Ui.OwnIdentity>>,
  Ok<Fits<GenCardWritten, Ui.CardWritten>>,
  Ok<Fits<GenBackupSummary, Ui.BackupSummary>>,
  Ok<Fits<GenTrustAdded, Ui.TrustAdded>>,
  Ok<Fits<GenTrustedDevice, Ui.TrustedDevice>>,
  Ok<Fits<GenExportSummary, Ui.ExportSummary>>,
  Ok<Fits<GenConflict, Ui.Conflict>>,
  Ok<Fits<GenCandidate, Ui.Candidate>>,
  Ok<Fits<AuditReport, Ui.AuditResult>>,
  Ok<Fits<GenAuditEntry, Ui.AuditEntry>>,
  Ok<Fits<GenRegion, Ui.Region>>,
  Ok<Fits<GenRegionImport, Ui.RegionImport>>,
  Ok<Fits<GenDashboard, Ui.Dashboard>>,
  Ok<Fits<GenIpcError, Ui.IpcError>>,
  Ok<Fits<GenStats, Ui.Stats>>,
  Ok<Fits<GenPrintedReport, Ui.PrintedReport>>,
  Ok<Fits<GenAccessEntry, Ui.AccessEntry>>,
  Ok<Fits<GenOperator, Ui.Operator>>,
  Ok<Fits<GenErased, Ui.Erased>>,
  Ok<Fits<GenRestoreSummary, Ui.RestoreSummary>>,
  Ok<Fits<GenRole, Ui.Role>>,
  // The role rules in roles.ts name every kind of record the core has, and no other.
  Ok<Fits<GenEntityKind, Ui.EntityKind>>,
  Ok<Fits<Ui.EntityKind, GenEntityKind>>,
];

/** What the UI sends must fit what the shell reads. */
export type UiToShell = [
  Ok<Fits<Ui.CaseFilter, GenCaseFilter>>,
  // operator_add and operator_set_role take a role code that the shell parses as a Role.
  Ok<Fits<Ui.Role, GenRole>>,
];
