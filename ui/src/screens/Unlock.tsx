// The unlock screen: the passphrase, and the backend's message when it is wrong.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { t } from '../i18n';
import type { AppStatus, IpcError, Lang } from '../types';
import { formatDistrict } from '../format';
import { LanguageSwitch } from './LanguageSwitch';

export function UnlockScreen(props: {
  lang: Lang;
  status: AppStatus | null;
  autoLockedAfter?: number;
  onLanguage: (l: Lang) => void;
  onUnlocked: () => void;
}) {
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const s = props.status;
  const district = s?.district ? formatDistrict(s.district, s.district_name) : t('app.name');

  // The passphrase is the only thing to type here, so it gets the focus.
  useEffect(() => document.getElementById('unlock-passphrase')?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pass) {
      setError(t('unlock.empty'));
      return;
    }
    setWorking(true);
    setError(null);
    try {
      await api.unlock(pass);
      setPass('');
      props.onUnlocked();
    } catch (err) {
      setError((err as IpcError).message);
      setPass('');
      document.getElementById('unlock-passphrase')?.focus();
    } finally {
      setWorking(false);
    }
  };

  return (
    <main class="centered unlock">
      <div class="corner">
        <LanguageSwitch id="unlock-language" lang={props.lang} onChange={props.onLanguage} />
      </div>
      <p class="brand">{t('app.name')}</p>
      <ScreenTitle focus={false}>{t('unlock.title')}</ScreenTitle>
      {props.autoLockedAfter !== undefined && (
        <Notice kind="info">{t('unlock.autoLocked', { minutes: props.autoLockedAfter })}</Notice>
      )}
      <p class="lead">{t('unlock.intro', { district })}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="unlock-passphrase">{t('unlock.passphrase')}</label>
          <input
            id="unlock-passphrase"
            type="password"
            autoComplete="current-password"
            value={pass}
            disabled={working}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'unlock-error' : undefined}
            onInput={(e) => setPass((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        {error && (
          <p id="unlock-error" class="panel panel-error" role="alert">
            {error}
          </p>
        )}
        <SubmitOrProgress id="unlock-submit" label={t('unlock.submit')} running={working} progress={t('unlock.working')} />
      </form>
    </main>
  );
}
