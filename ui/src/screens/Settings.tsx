// Settings of this laptop: the language, and the minutes after which Lintas locks itself.

import { useState } from 'preact/hooks';
import { Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatDistrict } from '../format';
import { t } from '../i18n';
import { autoLockMinutes, setAutoLockMinutes } from '../state';
import type { Lang } from '../types';

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
    </section>
  );
}
