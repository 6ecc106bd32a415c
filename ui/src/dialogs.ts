// Native file and folder pickers (the Tauri dialog plugin).
//
// Every picker is optional: each path can also be typed, because a picker can fail (a missing
// permission, a desktop without a portal) and because some people prefer typing. A picker that
// fails rejects with an ShownError whose message says to type the path instead.

import { open } from '@tauri-apps/plugin-dialog';
import { inTauri } from './api';
import { t } from './i18n';
import type { ShownError } from './types';

function unavailable(): ShownError {
  return { code: 'dialog_unavailable', message: t('common.dialogUnavailable'), fields: [] };
}

async function pick(options: Parameters<typeof open>[0]): Promise<string | null> {
  if (!inTauri()) throw unavailable();
  try {
    const chosen = await open(options);
    if (chosen === null) return null;
    return Array.isArray(chosen) ? (chosen[0] ?? null) : chosen;
  } catch {
    throw unavailable();
  }
}

/** Asks for a folder (a USB stick, usually); null if the person cancelled. */
export function pickFolder(): Promise<string | null> {
  return pick({ directory: true, multiple: false });
}

/** Asks for a .lintas bundle file; null if the person cancelled. */
export function pickBundle(): Promise<string | null> {
  return pick({ multiple: false, filters: [{ name: 'Lintas', extensions: ['lintas'] }] });
}

/**
 * Asks for an identity card file; null if the person cancelled. No filter is set, because a card
 * may have been renamed on its way (a card is usually `*.card`).
 */
export function pickCard(): Promise<string | null> {
  return pick({ multiple: false });
}

/** Asks for a CSV file (a Kepmendagri region code list); null if the person cancelled. */
export function pickCsv(): Promise<string | null> {
  return pick({ multiple: false, filters: [{ name: 'CSV', extensions: ['csv'] }] });
}

/** Asks for a spreadsheet (the HTCDS Excel toolkit, or a CSV); null if the person cancelled. */
export function pickSpreadsheet(): Promise<string | null> {
  return pick({ multiple: false, filters: [{ name: 'Spreadsheet', extensions: ['xlsx', 'xlsm', 'ods', 'csv'] }] });
}

/** Asks for a backup file (`*.lintas-backup`); null if the person cancelled. */
export function pickBackup(): Promise<string | null> {
  return pick({ multiple: false, filters: [{ name: 'Lintas backup', extensions: ['lintas-backup'] }] });
}

/** Asks for any file (an attachment: a scan, a photo, a letter); null if the person cancelled. */
export function pickFile(): Promise<string | null> {
  return pick({ multiple: false });
}
