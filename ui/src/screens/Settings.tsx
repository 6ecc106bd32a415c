// Settings of this laptop: the language, the minutes after which Lintas locks itself, and the
// region reference data (the Kepmendagri code list that gives district codes their names).

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { PathField } from '../components/fields';
import { ErrorPanel, Notice, Progress, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { pickCsv } from '../dialogs';
import { formatDistrict } from '../format';
import { t } from '../i18n';
import { countRegions, setRegions } from '../regions';
import { autoLockMinutes, setAutoLockMinutes, whileBusy } from '../state';
import type { IpcError, Lang, Region, RegionImport } from '../types';
import type { FieldErrors } from '../validation';

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
            <dd>{status.operator ?? t('common.empty')}</dd>
          </div>
        </dl>
      </div>
      <ReferenceData />
    </section>
  );
}

/** Imports a Kepmendagri region code list, and says how many region names Lintas knows. */
function ReferenceData() {
  const { refreshDistricts } = useApp();
  const [file, setFile] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pickerError, setPickerError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RegionImport | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
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
    if (!file.trim()) {
      setErrors({ path: t('reference.errFile') });
      document.getElementById('reference-file')?.focus();
      return;
    }
    setErrors({});
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      setResult(await whileBusy(api.referenceImport(file.trim())));
      await loadKnown();
      // The shell and the other screens pick up the new names.
      refreshDistricts();
    } catch (err) {
      setError(err as IpcError);
    } finally {
      setRunning(false);
    }
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
        <PathField
          id="reference-file"
          label={t('reference.file')}
          hint={t('reference.fileHint')}
          value={file}
          onInput={setFile}
          browseLabel={t('reference.fileBrowse')}
          onBrowse={pickCsv}
          pickerError={pickerError}
          onPickerError={setPickerError}
          path="path"
          errors={errors}
          disabled={running}
          required
        />
        {running ? (
          <Progress label={t('reference.running')} />
        ) : (
          <div class="actions">
            <button id="reference-import" type="submit">
              {t('reference.import')}
            </button>
          </div>
        )}
      </form>
      {result && (
        <Notice id="reference-result">
          {t('reference.result', { provinces: result.provinces, regencies: result.regencies, skipped: result.skipped })}
        </Notice>
      )}
      <ErrorPanel id="reference-error" error={error} title={t('reference.failed')}>
        <p>{t('reference.failedHint')}</p>
      </ErrorPanel>
    </section>
  );
}
