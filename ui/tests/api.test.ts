// The API layer with Tauri's invoke mocked: argument names, results, and the error shape.

import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { invoke } from '@tauri-apps/api/core';
import { api, call, toIpcError } from '../src/api';

const mocked = vi.mocked(invoke);

beforeEach(() => {
  mocked.mockReset();
  // The API only calls invoke inside the Tauri shell.
  (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
});

describe('commands', () => {
  it('passes camelCase arguments and returns the result', async () => {
    mocked.mockResolvedValueOnce({ recovery_key: 'W6YXT-NKZ4K' });
    const res = await api.setup('65.03', 'Kabupaten Nunukan', 'Nama Petugas', 'kata sandi yang panjang');
    expect(res.recovery_key).toBe('W6YXT-NKZ4K');
    expect(mocked).toHaveBeenCalledWith('setup', {
      district: '65.03',
      districtName: 'Kabupaten Nunukan',
      operator: 'Nama Petugas',
      passphrase: 'kata sandi yang panjang',
    });
  });

  it('sends the case list filter as one argument', async () => {
    mocked.mockResolvedValueOnce({ count: 0, cases: [] });
    await api.caseList({ status: 'Active', child: true, exploitation: null, limit: 100, offset: 200 });
    expect(mocked).toHaveBeenCalledWith('case_list', {
      filter: { status: 'Active', child: true, exploitation: null, limit: 100, offset: 200 },
    });
  });

  it('names the referral arguments as the contract does', async () => {
    mocked.mockResolvedValueOnce('ref-1');
    await api.referralCreate('case-1', '53.03', 'Pemulangan', ['Repatriation'], null);
    expect(mocked).toHaveBeenCalledWith('referral_create', {
      caseId: 'case-1',
      to: '53.03',
      reason: 'Pemulangan',
      services: ['Repatriation'],
      consentOverride: null,
    });
    mocked.mockResolvedValueOnce(null);
    await api.trustRevoke('dev-1');
    expect(mocked).toHaveBeenLastCalledWith('trust_revoke', { deviceId: 'dev-1' });
    mocked.mockResolvedValueOnce({ district: '53.03', district_name: 'TTU', devices: 1 });
    await api.trustAdd('/media/usb/ttu.card', '11113 63323');
    expect(mocked).toHaveBeenLastCalledWith('trust_add', { cardPath: '/media/usb/ttu.card', fingerprint: '11113 63323' });
  });

  it('names the arguments of adding and opening an attachment', async () => {
    mocked.mockResolvedValueOnce('att-1');
    const id = await api.attachmentAdd('case-1', '/home/petugas/paspor.jpg', null);
    expect(id).toBe('att-1');
    expect(mocked).toHaveBeenLastCalledWith('attachment_add', { caseId: 'case-1', path: '/home/petugas/paspor.jpg', description: null });
    mocked.mockResolvedValueOnce(null);
    await api.attachmentOpen('att-1');
    expect(mocked).toHaveBeenLastCalledWith('attachment_open', { id: 'att-1' });
  });

  it('names the arguments of the change log and the region list', async () => {
    mocked.mockResolvedValueOnce([]);
    await api.auditLog(50, 51);
    expect(mocked).toHaveBeenLastCalledWith('audit_log', { offset: 50, limit: 51 });
    mocked.mockResolvedValueOnce({ provinces: 1, regencies: 2, skipped: 1 });
    const r = await api.referenceImport('/home/petugas/kode.csv');
    expect(r).toEqual({ provinces: 1, regencies: 2, skipped: 1 });
    expect(mocked).toHaveBeenLastCalledWith('reference_import', { path: '/home/petugas/kode.csv' });
    mocked.mockResolvedValueOnce([{ code: '53.03', name: 'Kabupaten Timor Tengah Utara' }]);
    await api.regions();
    expect(mocked).toHaveBeenLastCalledWith('regions', undefined);
  });

  it('names the arguments of the registers and the report pack (issue 16)', async () => {
    mocked.mockResolvedValue(null);
    const period = { year: 2025, semester: 1 };
    await api.registerList('activity');
    expect(mocked).toHaveBeenLastCalledWith('register_list', { register: 'activity', from: null, to: null });
    await api.registerList('training', '2025-01-01', '2025-12-31');
    expect(mocked).toHaveBeenLastCalledWith('register_list', { register: 'training', from: '2025-01-01', to: '2025-12-31' });
    await api.registerCreate('programme', { name: 'Menjahit', kind: 'Ngo' });
    expect(mocked).toHaveBeenLastCalledWith('register_create', { register: 'programme', doc: { name: 'Menjahit', kind: 'Ngo' } });
    await api.registerUpdate('activity', 'a1', { male_adults: 3 });
    expect(mocked).toHaveBeenLastCalledWith('register_update', { register: 'activity', id: 'a1', doc: { male_adults: 3 } });
    await api.annualView(period, 199090);
    expect(mocked).toHaveBeenLastCalledWith('annual_view', { period, population: 199090 });
    await api.annualWrite(period, null, 'xlsx', '/usb');
    expect(mocked).toHaveBeenLastCalledWith('annual_write', { period, population: null, format: 'xlsx', folder: '/usb' });
    await api.aggregateWrite(period, '/usb');
    expect(mocked).toHaveBeenLastCalledWith('aggregate_write', { period, folder: '/usb' });
    await api.rollupView('65', ['/usb/a.json'], null);
    expect(mocked).toHaveBeenLastCalledWith('rollup_view', { province: '65', files: ['/usb/a.json'], population: null });
    await api.rollupWrite('65', ['/usb/a.json'], 700000, 'csv', '/usb');
    expect(mocked).toHaveBeenLastCalledWith('rollup_write', { province: '65', files: ['/usb/a.json'], population: 700000, format: 'csv', folder: '/usb' });
  });
});

describe('errors', () => {
  it('keeps the shape of an ShownError rejection', async () => {
    const rejection = {
      code: 'invalid_record',
      message: 'Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:',
      fields: [{ field: 'witnesses[0].gender', message: 'bukan kode yang dikenal' }],
    };
    mocked.mockRejectedValueOnce(rejection);
    await expect(api.caseCreate({ victim: { first_name: 'Maria' } })).rejects.toEqual(rejection);
  });

  it('fills in missing fields', async () => {
    mocked.mockRejectedValueOnce({ code: 'bundle_tampered', message: 'Bundel telah diubah.' });
    await expect(api.bundleImport('/media/usb/x.lintas')).rejects.toEqual({
      code: 'bundle_tampered',
      message: 'Bundel telah diubah.',
      fields: [],
    });
  });

  it('turns a plain string rejection into an ShownError', async () => {
    mocked.mockRejectedValueOnce('command case_list not found');
    await expect(call('case_list')).rejects.toEqual({ code: 'unknown', message: 'command case_list not found', fields: [] });
  });

  it('turns an Error into an ShownError', () => {
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'unknown', message: 'boom', fields: [] });
  });

  it('explains itself outside the shell', async () => {
    delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    await expect(api.appStatus()).rejects.toMatchObject({ code: 'not_in_shell' });
    expect(mocked).not.toHaveBeenCalled();
  });
});
