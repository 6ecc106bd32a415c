// Settings of this laptop: the language, the minutes after which Lintas locks itself, the
// passphrase, and for coordinators the operators and a backup; and the region reference data
// (the Kepmendagri code list that gives district codes their names).

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { PathField, TextField } from '../components/fields';
import { ErrorPanel, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { formatDistrict } from '../format';
import { t } from '../i18n';
import { checkNewPassphrase } from '../passphrase';
import { countRegions, setRegions } from '../regions';
import { can } from '../roles';
import { autoLockMinutes, setAutoLockMinutes, whileBusy } from '../state';
import { useTask } from '../task';
import type { BackupSummary, Lang, Region, RegionImport } from '../types';
import { OperatorsPanel, roleLabel } from './Operators';

export function SettingsScreen() {
  const { lang, setLanguage, status } = useApp();
  const [minutes, setMinutes] = useState(String(autoLockMinutes()));
  const [message, setMessage] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);

  const saveMinutes = (e: Event) => {
    e.preventDefault();
    const n = Number(minutes.trim());
    if (!Number.isInteger(n) || n < 1 || n > 120) {
      setInvalid(true);
      setMessage(null);
      document.getElementById('settings-autolock')?.focus();
      return;
    }
    setInvalid(false);
    setAutoLockMinutes(n);
    setMessage(t('settings.saved'));
  };

  return (
    <section class="screen">
      <ScreenTitle>{t('settings.title')}</ScreenTitle>
      <div class="card narrow">
        <div class="field">
          <label for="settings-language">{t('settings.language')}</label>
          <select
            id="settings-language"
            value={lang}
            onChange={async (e) => {
              await setLanguage((e.currentTarget as HTMLSelectElement).value as Lang);
              setMessage(t('settings.saved'));
            }}
          >
            <option value="id">{t('lang.id')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </div>
        <form onSubmit={saveMinutes} noValidate>
          <div class="field">
            <label for="settings-autolock">{t('settings.autolock')}</label>
            <div class="inline">
              <input
                id="settings-autolock"
                type="number"
                min={1}
                max={120}
                step={1}
                inputMode="numeric"
                value={minutes}
                aria-invalid={invalid ? 'true' : undefined}
                aria-describedby={invalid ? 'settings-autolock-error settings-autolock-hint' : 'settings-autolock-hint'}
                onInput={(e) => setMinutes((e.currentTarget as HTMLInputElement).value)}
              />
              <button id="settings-save" type="submit">
                {t('common.save')}
              </button>
            </div>
            <p class="hint" id="settings-autolock-hint">
              {t('settings.autolockHint')}
            </p>
            {invalid && (
              <p class="field-error" id="settings-autolock-error">
                {t('settings.autolockInvalid')}
              </p>
            )}
          </div>
        </form>
        {message && <Notice>{message}</Notice>}
      </div>
      <div class="card narrow">
        <h2>{t('settings.about')}</h2>
        <dl class="deflist">
          <div class="defrow">
            <dt>{t('settings.district')}</dt>
            <dd>{status.district ? formatDistrict(status.district, status.district_name) : t('common.empty')}</dd>
          </div>
          <div class="defrow">
            <dt>{t('settings.operator')}</dt>
            <dd>
              {status.operator ?? t('common.empty')}
              {status.role && <span class="badge">{roleLabel(status.role)}</span>}
            </dd>
          </div>
        </dl>
      </div>
      {can(status.capabilities, 'manage_operators') && <OperatorsPanel />}
      <ChangePassphrase />
      {can(status.capabilities, 'backup') && <Backup />}
      {can(status.capabilities, 'import_reference') && <ReferenceData />}
    </section>
  );
}

/** The inputs of the passphrase form, by the path of their check, in form order. */
const PASS_INPUTS = { old: 'pass-old', passphrase: 'pass-new', passphrase_repeat: 'pass-repeat' };

/** Replaces the passphrase, given the current one; the recovery key stays valid. */
function ChangePassphrase() {
  const [old, setOld] = useState('');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const task = useTask<null>();
  const { running, errors } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const local = { ...(old ? {} : { old: t('password.errOld') }), ...checkNewPassphrase(pass, repeat) };
    if (!task.check(local, PASS_INPUTS)) return;
    await task.run(
      () => api.changePassphrase(old, pass),
      () => {
        setOld('');
        setPass('');
        setRepeat('');
        setDone(true);
      },
    );
  };

  return (
    <section class="card narrow" aria-labelledby="pass-heading">
      <h2 id="pass-heading">{t('password.heading')}</h2>
      <p class="hint">{t('password.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="pass-old" label={t('password.old')} value={old} onInput={setOld} type="password" autoComplete="off" path="old" errors={errors} disabled={running} required />
        <TextField id="pass-new" label={t('password.new')} hint={t('setup.passphraseHint')} value={pass} onInput={setPass} type="password" autoComplete="new-password" path="passphrase" errors={errors} disabled={running} required />
        <TextField id="pass-repeat" label={t('password.repeat')} value={repeat} onInput={setRepeat} type="password" autoComplete="new-password" path="passphrase_repeat" errors={errors} disabled={running} required />
        <SubmitOrProgress id="pass-submit" label={t('password.submit')} running={running} progress={t('password.working')} />
      </form>
      {done && <Notice id="pass-done">{t('password.done')}</Notice>}
      <ErrorPanel id="pass-error" error={task.error} />
    </section>
  );
}

/** Writes an encrypted backup of the whole store into a folder. */
function Backup() {
  const [folder, setFolder] = useState('');
  const task = useTask<BackupSummary>();
  const { result, running } = task;

  const run = async (e: Event) => {
    e.preventDefault();
    if (!task.check(folder.trim() ? {} : { folder: t('backup.errFolder') }, { folder: 'backup-folder' })) return;
    await task.run(() => whileBusy(api.backupWrite(folder.trim())));
  };

  return (
    <section class="card narrow" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backup.heading')}</h2>
      <p class="hint">{t('backup.intro')}</p>
      <form onSubmit={(e) => void run(e)} noValidate>
        <PathField id="backup-folder" label={t('backup.folder')} value={folder} onInput={setFolder} picker="folder" path="folder" errors={task.errors} disabled={running} required />
        <SubmitOrProgress id="backup-write" label={t('backup.submit')} running={running} progress={t('backup.working')} />
      </form>
      {result && <Notice id="backup-result">{t('backup.done', { path: result.path, cases: result.cases })}</Notice>}
      <ErrorPanel id="backup-error" error={task.error} title={t('backup.failed')} />
    </section>
  );
}

/** Imports a Kepmendagri region code list, and says how many region names Lintas knows. */
function ReferenceData() {
  const { refreshDistricts } = useApp();
  const [file, setFile] = useState('');
  const task = useTask<RegionImport>();
  const { result, running } = task;
  const [known, setKnown] = useState<Region[] | null>(null);

  // The count is a convenience: if it cannot be read, it is simply not shown.
  const loadKnown = () =>
    api.regions().then(
      (list) => {
        setRegions(list);
        setKnown(list);
      },
      () => undefined,
    );
  useEffect(() => void loadKnown(), []);

  const run = async (e: Event) => {
    e.preventDefault();
    if (!task.check(file.trim() ? {} : { path: t('reference.errFile') }, { path: 'reference-file' })) return;
    await task.run(
      () => whileBusy(api.referenceImport(file.trim())),
      async () => {
        await loadKnown();
        // The shell and the other screens pick up the new names.
        refreshDistricts();
      },
    );
  };

  const counts = known ? countRegions(known) : null;
  return (
    <section class="card narrow" aria-labelledby="reference-heading">
      <h2 id="reference-heading">{t('reference.heading')}</h2>
      <p class="hint">{t('reference.intro')}</p>
      {counts && (
        <p id="reference-known">
          {t('reference.known', { provinces: counts.provinces, regencies: counts.regencies })}
        </p>
      )}
      <form onSubmit={(e) => void run(e)} noValidate>
        <PathField id="reference-file" label={t('reference.file')} hint={t('reference.fileHint')} value={file} onInput={setFile} picker="csv" path="path" errors={task.errors} disabled={running} required />
        <SubmitOrProgress id="reference-import" label={t('reference.import')} running={running} progress={t('reference.running')} />
      </form>
      {result && (
        <Notice id="reference-result">
          {t('reference.result', { provinces: result.provinces, regencies: result.regencies, skipped: result.skipped })}
        </Notice>
      )}
      <ErrorPanel id="reference-error" error={task.error} title={t('reference.failed')}>
        <p>{t('reference.failedHint')}</p>
      </ErrorPanel>
    </section>
  );
}
