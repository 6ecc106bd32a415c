// The one place where the UI talks to the Rust shell.
//
// Every command of the contract has a typed wrapper here, so screens never spell a command
// name or an argument name themselves. Argument names are camelCase; Tauri maps them to the
// snake_case parameters of the Rust commands.

import { Channel, invoke } from '@tauri-apps/api/core';
import { getLang, t } from './i18n';
import { errorText, problemText } from './i18n/errors';
import type {
  AccessEntry,
  Alert,
  BackupSummary,
  AppStatus,
  AuditEntry,
  AuditResult,
  BundleHeader,
  Candidate,
  CardWritten,
  CaseDoc,
  CaseFilter,
  CaseListPage,
  CaseSummary,
  CodeLists,
  Conflict,
  Created,
  Dashboard,
  Erased,
  ErasureReason,
  ErasureRequest,
  ExportSummary,
  ImportSummary,
  IpcError,
  ShownError,
  Lang,
  Operator,
  Organisation,
  OrganisationDoc,
  OwnIdentity,
  PrintedReport,
  Referral,
  Region,
  RegionImport,
  ReportPeriod,
  RestoreSummary,
  Rotated,
  Role,
  SetupResult,
  SpreadsheetReport,
  SpreadsheetWritten,
  Stats,
  TrustAdded,
  TrustedDevice,
  Updated,
  Worklist,
  AggregateWritten,
  PackFormat,
  PackWritten,
  Register,
  RegisterDoc,
  RegisterEntry,
  ReportingPeriod,
  ReportView,
} from './types';

/** A function that runs one command; the real one is Tauri's `invoke`. */
export type Backend = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

/** The real backend: the Tauri shell. Outside the shell it explains where to open Lintas. */
const tauriBackend: Backend = (cmd, args) => {
  if (!inTauri()) {
    return Promise.reject({ code: 'not_in_shell', message: t('app.notInShell'), fields: [] });
  }
  return invoke(cmd, args);
};

let backend: Backend = tauriBackend;

/** Replaces the backend, for the mock preview in a plain browser. */
export function setBackend(b: Backend): void {
  backend = b;
}

/** Whether the page runs inside the Tauri shell (as opposed to a plain browser). */
/**
 * Where a long command reports progress: a Tauri channel in the shell; outside it (the browser
 * mock and the UI tests) a plain object the mock calls the same way.
 */
function progressChannel(onProgress: (percent: number) => void): unknown {
  if (!inTauri()) return { onmessage: onProgress };
  const channel = new Channel<number>();
  channel.onmessage = onProgress;
  return channel;
}

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Whether a value has the shape of the shell's error object: a code and coded field problems. */
export function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && typeof (e as IpcError).code === 'string' && !('message' in e);
}

/** Whether a value is an error the UI already worded (raised by the UI itself). */
function isShownError(e: unknown): e is ShownError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ShownError).code === 'string' &&
    typeof (e as ShownError).message === 'string'
  );
}

/**
 * Turns anything a command rejected with into a ShownError.
 *
 * The shell rejects with an IpcError — a code and, for a refused record, each field's problem as
 * a code — which is worded here from the UI's catalogue (i18n/errors.ts) in the current
 * language; the shell sends no words. An error the UI raised itself keeps its words. Anything
 * else (a plain string from Tauri itself, for example when a command does not exist, or a
 * JavaScript Error) becomes an error with the code `unknown`, so that screens only ever handle
 * one shape.
 */
export function toIpcError(e: unknown): ShownError {
  if (isIpcError(e)) {
    const lang = getLang();
    const fields = (Array.isArray(e.fields) ? e.fields : []).map((f) => ({
      field: f.field,
      message: f.problem ? problemText(f.problem, lang) : '',
    }));
    return { code: e.code, message: errorText(e.code, lang) ?? e.code, detail: e.detail ?? null, fields };
  }
  if (isShownError(e)) return { ...e, fields: Array.isArray(e.fields) ? e.fields : [] };
  if (typeof e === 'string') return { code: 'unknown', message: e, fields: [] };
  if (e instanceof Error) return { code: 'unknown', message: e.message, fields: [] };
  return { code: 'unknown', message: String(e), fields: [] };
}

/** Runs one command; a failure always rejects with an ShownError. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await backend(cmd, args)) as T;
  } catch (e) {
    throw toIpcError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  setLanguage: (lang: Lang) => call<null>('set_language', { lang }),
  setup: (district: string, districtName: string, operator: string, passphrase: string) =>
    call<SetupResult>('setup', { district, districtName, operator, passphrase }),
  unlock: (passphrase: string) => call<null>('unlock', { passphrase }),
  /**
   * Restores a backup file into this laptop's empty store and opens it, with the passphrase or
   * (when it is forgotten) the recovery key: exactly one of the two is given.
   */
  restore: (path: string, unlock: { passphrase: string } | { recoveryKey: string }) =>
    call<RestoreSummary>('restore', {
      path,
      passphrase: 'passphrase' in unlock ? unlock.passphrase : null,
      recoveryKey: 'recoveryKey' in unlock ? unlock.recoveryKey : null,
    }),
  lock: () => call<null>('lock'),
  /** Replaces the passphrase; the recovery key stays valid. */
  changePassphrase: (old: string, next: string) => call<null>('change_passphrase', { old, new: next }),
  /** Sets a new passphrase with the recovery key, while locked. */
  recover: (recoveryKey: string, newPassphrase: string) => call<null>('recover', { recoveryKey, newPassphrase }),
  codeLists: () => call<CodeLists>('code_lists'),

  caseList: (filter: CaseFilter) => call<CaseListPage>('case_list', { filter }),
  caseSearch: (text: string) => call<CaseSummary[]>('case_search', { text }),
  caseGet: (id: string) => call<CaseDoc>('case_get', { id }),
  caseCreate: (doc: CaseDoc) => call<Created>('case_create', { doc }),
  caseUpdate: (id: string, doc: CaseDoc) => call<Updated>('case_update', { id, doc }),
  /**
   * Copies a file into the store as an attachment of a case, encrypted; the original stays
   * where it is. Resolves to the new attachment's id.
   */
  attachmentAdd: (caseId: string, path: string, description: string | null) =>
    call<string>('attachment_add', { caseId, path, description }),
  /**
   * Opens an attachment with the system's viewer: the shell decrypts a temporary copy, opens it,
   * and removes the copy afterwards.
   */
  attachmentOpen: (id: string) => call<null>('attachment_open', { id }),

  referralCreate: (
    caseId: string,
    to: string,
    reason: string,
    services: string[],
    consentOverride: string | null,
  ) => call<string>('referral_create', { caseId, to, reason, services, consentOverride }),
  referralList: () => call<Referral[]>('referral_list'),
  referralDecide: (id: string, accept: boolean, note: string | null) =>
    call<Referral>('referral_decide', { id, accept, note }),
  referralComplete: (id: string) => call<Referral>('referral_complete', { id }),

  ownIdentity: () => call<OwnIdentity>('own_identity'),
  identityCardWrite: (folder: string) => call<CardWritten>('identity_card_write', { folder }),
  /** Writes an encrypted backup of the whole store into a folder. */
  backupWrite: (folder: string) => call<BackupSummary>('backup_write', { folder }),
  trustAdd: (cardPath: string, fingerprint: string) =>
    call<TrustAdded>('trust_add', { cardPath, fingerprint }),
  trustList: () => call<TrustedDevice[]>('trust_list'),
  trustRevoke: (deviceId: string) => call<null>('trust_revoke', { deviceId }),

  bundleExport: (to: string, folder: string, all: boolean) =>
    call<ExportSummary>('bundle_export', { to, folder, all }),
  bundleImport: (path: string) => call<ImportSummary>('bundle_import', { path }),
  bundleInspect: (path: string) => call<BundleHeader>('bundle_inspect', { path }),

  /** Reads a spreadsheet (.xlsx, .xlsm, .ods, .csv) and reports what an import would do; writes nothing. */
  spreadsheetCheck: (path: string, onProgress: (percent: number) => void) =>
    call<SpreadsheetReport>('spreadsheet_check', { path, onProgress: progressChannel(onProgress) }),
  /**
   * Imports every valid row of a spreadsheet as a new case, in one transaction; rows with
   * problems and rows imported before are left out. `imported` counts the new cases,
   * `imported_cases` lists the first of their numbers.
   */
  spreadsheetImport: (path: string, onProgress: (percent: number) => void) =>
    call<SpreadsheetReport>('spreadsheet_import', { path, onProgress: progressChannel(onProgress) }),
  /** Writes every case into a workbook in the HTCDS layout, in a folder. */
  spreadsheetExport: (folder: string) => call<SpreadsheetWritten>('spreadsheet_export', { folder }),

  conflictsList: () => call<Conflict[]>('conflicts_list'),
  conflictResolve: (id: string, keep: string | null, value: unknown) =>
    call<null>('conflict_resolve', { id, keep, value }),
  duplicatesList: () => call<Candidate[]>('duplicates_list'),
  duplicateLink: (caseA: string, caseB: string, reason: string) =>
    call<string>('duplicate_link', { caseA, caseB, reason }),
  duplicateUnlink: (linkId: string) => call<null>('duplicate_unlink', { linkId }),
  /**
   * Records that two victims are not the same person, with the reason; the pair leaves the list
   * of possible duplicates. Resolves to the decision's link id.
   */
  duplicateNotSame: (caseA: string, caseB: string, reason: string) =>
    call<string>('duplicate_not_same', { caseA, caseB, reason }),

  /** The directory of organisations (service providers and partners), by name. */
  organisationList: () => call<Organisation[]>('organisation_list'),
  /** Adds an organisation to the directory; resolves to its id. */
  organisationCreate: (doc: OrganisationDoc) => call<string>('organisation_create', { doc }),
  /**
   * Changes the fields given (null clears one); resolves to the number of changes. Only an
   * organisation this district added may be changed.
   */
  organisationUpdate: (id: string, doc: OrganisationDoc) => call<number>('organisation_update', { id, doc }),
  /** A coordinator approves a child's best-interest assessment; Lintas records who and when. */
  assessmentApprove: (id: string) => call<null>('assessment_approve', { id }),
  /** What waits today for the operator working now (the Tugas screen), with counts by kind. */
  worklist: () => call<Worklist>('worklist'),

  /** The operators of this laptop, the one who set it up first. */
  operatorList: () => call<Operator[]>('operator_list'),
  /** Adds an operator with a passphrase of their own; resolves to the new operator's id. */
  operatorAdd: (name: string, role: Role, passphrase: string) =>
    call<string>('operator_add', { name, role, passphrase }),
  operatorSetRole: (id: string, role: Role) => call<null>('operator_set_role', { id, role }),
  /**
   * Removes an operator: their passphrase stops working and the store's key changes (progress in
   * percent); what they wrote stays theirs. The recovery key only when the backend asked for it
   * (`recovery_key_needed`).
   */
  operatorRemove: (id: string, recoveryKey: string | null, onProgress: (percent: number) => void) =>
    call<Rotated>('operator_remove', { id, recoveryKey, onProgress: progressChannel(onProgress) }),
  /** Changes the store's key after a suspected leak, with progress in percent. */
  keysRotate: (recoveryKey: string | null, onProgress: (percent: number) => void) =>
    call<Rotated>('keys_rotate', { recoveryKey, onProgress: progressChannel(onProgress) }),
  /**
   * Erases a person of a case for good: without `person`, the victim and with them the whole
   * case; otherwise that witness, family contact or perpetrator.
   */
  personErase: (caseId: string, person: string | null, reason: ErasureReason) =>
    call<Erased>('person_erase', { case: caseId, person, reason }),

  /** Every alert, newest first: what imports refused or turned into requests. */
  alertsList: () => call<Alert[]>('alerts_list'),
  /** How many alerts nobody has dealt with yet (the number beside the navigation entry). */
  alertsOpenCount: () => call<number>('alerts_open_count'),
  /** Marks an alert as dealt with; it stays in the list. */
  alertDismiss: (id: number) => call<null>('alert_dismiss', { id }),
  /** Erasures other districts made of people in cases this district owns, waiting here. */
  erasureRequests: () => call<ErasureRequest[]>('erasure_requests'),
  /** Confirms an erasure request: this district erases the person itself. */
  erasureConfirm: (alert: number, reason: ErasureReason) => call<Erased>('erasure_confirm', { alert, reason }),

  auditVerify: () => call<AuditResult>('audit_verify'),
  /** Changes from the op log, newest first: `limit` of them after skipping `offset`. */
  auditLog: (offset: number, limit: number) => call<AuditEntry[]>('audit_log', { offset, limit }),
  /** Who viewed or exported what, newest first: `limit` entries after skipping `offset`. */
  accessLog: (offset: number, limit: number) => call<AccessEntry[]>('access_log', { offset, limit }),
  dashboard: () => call<Dashboard>('dashboard'),
  /** The statistics of a period and, optionally, one district. */
  reportStats: (period: ReportPeriod) => call<Stats>('report_stats', { period }),
  /** Writes the printable report (HTML, Bahasa Indonesia) of a period into a folder. */
  reportPrint: (folder: string, period: ReportPeriod) => call<PrintedReport>('report_print', { folder, period }),

  /** Imports a Kepmendagri region code list (CSV: kode,nama); all or nothing. */
  referenceImport: (path: string) => call<RegionImport>('reference_import', { path }),
  /**
   * Every region with a name: the provinces and the 514 kabupaten/kota Lintas ships with, and
   * names imported or learned from trusted cards.
   */
  regions: () => call<Region[]>('regions'),

  /**
   * The records of a register (prevention activities, trainings, empowerment programmes), newest
   * first; `from` and `to` (YYYY-MM-DD) narrow them to a period.
   */
  registerList: (register: Register, from: string | null = null, to: string | null = null) =>
    call<RegisterEntry[]>('register_list', { register, from, to }),
  /** Adds a record to a register; resolves to its id. */
  registerCreate: (register: Register, doc: RegisterDoc) => call<string>('register_create', { register, doc }),
  /** Changes the fields given of a record this district wrote; resolves to the number of changes. */
  registerUpdate: (register: Register, id: string, doc: RegisterDoc) =>
    call<number>('register_update', { register, id, doc }),
  /** The annual or semester report of this district, as the app shows it. */
  annualView: (period: ReportingPeriod, population: number | null) =>
    call<ReportView>('annual_view', { period, population }),
  /** Writes the report (HTML to print, CSV or XLSX) into a folder. */
  annualWrite: (period: ReportingPeriod, population: number | null, format: PackFormat, folder: string) =>
    call<PackWritten>('annual_write', { period, population, format, folder }),
  /** Writes this district's figures of a period, signed, into a folder, for the province. */
  aggregateWrite: (period: ReportingPeriod, folder: string) =>
    call<AggregateWritten>('aggregate_write', { period, folder }),
  /** A province's report from the figures files of its kabupaten/kota, as the app shows it. */
  rollupView: (province: string, files: string[], population: number | null) =>
    call<ReportView>('rollup_view', { province, files, population }),
  /** Writes a province's report into a folder. */
  rollupWrite: (province: string, files: string[], population: number | null, format: PackFormat, folder: string) =>
    call<PackWritten>('rollup_write', { province, files, population, format, folder }),
};
