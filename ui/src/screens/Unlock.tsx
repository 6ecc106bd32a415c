// The unlock screen: the passphrase, and the backend's message when it is wrong. A forgotten
// passphrase is replaced here with the recovery key.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { TextField } from '../components/fields';
import { ErrorPanel, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { t } from '../i18n';
import { checkNewPassphrase } from '../passphrase';
import { useTask } from '../task';
import type { AppStatus, ShownError, Lang } from '../types';
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
  // The recovery form replaces the passphrase form while it is open.
  const [recovering, setRecovering] = useState(false);
  const [recovered, setRecovered] = useState(false);
  const s = props.status;
  const district = s?.district ? formatDistrict(s.district, s.district_name) : t('app.name');

  // The passphrase is the only thing to type here, so it gets the focus.
  useEffect(() => document.getElementById(recovering ? 'recover-key' : 'unlock-passphrase')?.focus(), [recovering]);

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
      setError((err as ShownError).message);
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
      {recovered && !recovering && <Notice id="recover-done">{t('recover.done')}</Notice>}
      {recovering ? (
        <RecoverForm
          onCancel={() => setRecovering(false)}
          onDone={() => {
            setRecovered(true);
            setRecovering(false);
          }}
        />
      ) : (
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
          {!working && (
            <p>
              <button
                id="recover-open"
                type="button"
                class="link"
                onClick={() => {
                  setError(null);
                  setRecovered(false);
                  setRecovering(true);
                }}
              >
                {t('recover.open')}
              </button>
            </p>
          )}
        </form>
      )}
    </main>
  );
}

/** The inputs of the recovery form, by the path of their check, in form order. */
const RECOVER_INPUTS = { recovery_key: 'recover-key', passphrase: 'recover-new', passphrase_repeat: 'recover-repeat' };

/** A new passphrase set with the recovery key, for when the old one is forgotten. */
function RecoverForm(props: { onCancel: () => void; onDone: () => void }) {
  const [key, setKey] = useState('');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const task = useTask<null>();
  const { running, errors } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    const local = {
      ...(key.trim() ? {} : { recovery_key: t('recover.errKey') }),
      ...checkNewPassphrase(pass, repeat),
    };
    if (!task.check(local, RECOVER_INPUTS)) return;
    let ok = false;
    await task.run(
      () => api.recover(key.trim(), pass),
      () => {
        ok = true;
      },
    );
    if (ok) {
      setPass('');
      setRepeat('');
      props.onDone();
    }
  };

  return (
    <section aria-labelledby="recover-title">
      <h2 id="recover-title">{t('recover.title')}</h2>
      <p class="hint">{t('recover.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="recover-key" label={t('recover.key')} value={key} onInput={setKey} placeholder="XXXXX-XXXXX-…" autoComplete="off" path="recovery_key" errors={errors} disabled={running} required wide />
        <TextField id="recover-new" label={t('recover.new')} hint={t('setup.passphraseHint')} value={pass} onInput={setPass} type="password" autoComplete="new-password" path="passphrase" errors={errors} disabled={running} required />
        <TextField id="recover-repeat" label={t('recover.repeat')} value={repeat} onInput={setRepeat} type="password" autoComplete="new-password" path="passphrase_repeat" errors={errors} disabled={running} required />
        <ErrorPanel id="recover-error" error={task.error} />
        <SubmitOrProgress id="recover-submit" label={t('recover.submit')} running={running} progress={t('recover.working')}>
          <button id="recover-cancel" type="button" class="secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </SubmitOrProgress>
      </form>
    </section>
  );
}
