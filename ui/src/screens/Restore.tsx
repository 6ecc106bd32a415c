// Restoring a backup on a laptop without a store (the first-run screen offers it next to setting
// up a new store), and what the restore made: the same district on a new device, the old one
// revoked.

import { useState } from 'preact/hooks';
import { api } from '../api';
import { PassphraseStrength, PathField, TextField } from '../components/fields';
import { ErrorPanel, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { formatDistrict, formatFingerprint, formatNumber } from '../format';
import { getLang, t } from '../i18n';
import { checkNewPassphrase } from '../passphrase';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { ShownError, RestoreSummary } from '../types';
import type { FieldErrors } from '../validation';

/**
 * A finished restore. `newPassphrase` says, for a restore with the recovery key, whether the new
 * passphrase was set ('set') or why not; it is absent for a restore with a passphrase.
 */
export interface Restored {
  summary: RestoreSummary;
  newPassphrase?: 'set' | ShownError;
}

type Method = 'passphrase' | 'recovery';

/** The inputs of each way to open the backup, by the path of their check, in form order. */
const INPUTS: Record<Method, Record<string, string>> = {
  passphrase: { path: 'restore-file', passphrase: 'restore-passphrase' },
  recovery: { path: 'restore-file', recovery_key: 'restore-key', passphrase: 'restore-new', passphrase_repeat: 'restore-repeat' },
};

/** The checks made before asking the backend; an empty map means the form can be sent. */
export function checkRestore(form: { file: string; method: Method; pass: string; key: string; newPass: string; repeat: string }): FieldErrors {
  const local: FieldErrors = {};
  if (!form.file.trim()) local.path = t('restore.errFile');
  if (form.method === 'passphrase') {
    if (!form.pass) local.passphrase = t('restore.errPassphrase');
  } else {
    if (!form.key.trim()) local.recovery_key = t('recover.errKey');
    Object.assign(local, checkNewPassphrase(form.newPass, form.repeat));
  }
  return local;
}

export function RestoreForm(props: { onCancel: () => void; onRestored: (done: Restored) => void }) {
  const [file, setFile] = useState('');
  const [method, setMethod] = useState<Method>('passphrase');
  const [pass, setPass] = useState('');
  const [key, setKey] = useState('');
  const [newPass, setNewPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const task = useTask<Restored>();
  const { running, errors } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!task.check(checkRestore({ file, method, pass, key, newPass, repeat }), INPUTS[method])) return;
    const done = await task.run(async () => {
      if (method === 'passphrase') {
        return { summary: await whileBusy(api.restore(file.trim(), { passphrase: pass })) };
      }
      const summary = await whileBusy(api.restore(file.trim(), { recoveryKey: key.trim() }));
      // The store is restored and open now; a new passphrase that cannot be set is reported on
      // the next screen instead of undoing the restore.
      try {
        await api.recover(key.trim(), newPass);
        return { summary, newPassphrase: 'set' as const };
      } catch (err) {
        return { summary, newPassphrase: err as ShownError };
      }
    });
    if (done) {
      setPass('');
      setNewPass('');
      setRepeat('');
      props.onRestored(done);
    }
  };

  const choose = (m: Method) => {
    setMethod(m);
    task.check({}, {});
  };

  return (
    <>
      <ScreenTitle>{t('restore.title')}</ScreenTitle>
      <p class="lead">{t('restore.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PathField id="restore-file" label={t('restore.file')} value={file} onInput={setFile} picker="backup" path="path" errors={errors} disabled={running} required />
        <fieldset class="field field-wide">
          <legend>{t('restore.with')}</legend>
          <div class="choices">
            <label class="check" for="restore-with-passphrase">
              <input id="restore-with-passphrase" type="radio" name="restore-with" checked={method === 'passphrase'} disabled={running} onChange={() => choose('passphrase')} />
              <span>{t('restore.withPassphrase')}</span>
            </label>
            <label class="check" for="restore-with-recovery">
              <input id="restore-with-recovery" type="radio" name="restore-with" checked={method === 'recovery'} disabled={running} onChange={() => choose('recovery')} />
              <span>{t('restore.withRecovery')}</span>
            </label>
          </div>
        </fieldset>
        {method === 'passphrase' ? (
          <TextField id="restore-passphrase" label={t('restore.passphrase')} hint={t('restore.passphraseHint')} value={pass} onInput={setPass} type="password" autoComplete="current-password" path="passphrase" errors={errors} disabled={running} required />
        ) : (
          <>
            <TextField id="restore-key" label={t('recover.key')} value={key} onInput={setKey} placeholder="XXXXX-XXXXX-…" autoComplete="off" path="recovery_key" errors={errors} disabled={running} required wide />
            <p class="hint">{t('restore.newHint')}</p>
            <TextField id="restore-new" label={t('recover.new')} hint={t('setup.passphraseHint')} value={newPass} onInput={setNewPass} type="password" autoComplete="new-password" path="passphrase" errors={errors} disabled={running} required />
            <TextField id="restore-repeat" label={t('recover.repeat')} value={repeat} onInput={setRepeat} type="password" autoComplete="new-password" path="passphrase_repeat" errors={errors} disabled={running} required />
            <PassphraseStrength value={newPass} />
          </>
        )}
        <ErrorPanel id="restore-error" error={task.error} title={t('restore.failed')} shownPaths={Object.keys(INPUTS[method])} />
        <SubmitOrProgress id="restore-submit" label={t('restore.submit')} running={running} progress={t('restore.working')}>
          <button id="restore-cancel" type="button" class="secondary" onClick={props.onCancel}>
            {t('restore.backToNew')}
          </button>
        </SubmitOrProgress>
      </form>
    </>
  );
}

/** What the restore made, read once before the app opens. */
export function RestoredScreen({ restored, onContinue }: { restored: Restored; onContinue: () => void }) {
  const s = restored.summary;
  const district = formatDistrict(s.district, s.district_name);
  const np = restored.newPassphrase;
  return (
    <main class="centered restored">
      <ScreenTitle>{t('restored.title')}</ScreenTitle>
      <div id="restored-summary" class="panel panel-ok" role="status">
        <dl class="deflist">
          <div class="defrow">
            <dt>{t('restored.district')}</dt>
            <dd id="restored-district">{district}</dd>
          </div>
          <div class="defrow">
            <dt>{t('restored.cases')}</dt>
            <dd id="restored-cases">{formatNumber(s.cases, getLang())}</dd>
          </div>
          <div class="defrow">
            <dt>{t('restored.device')}</dt>
            <dd class="mono small">{s.device_id}</dd>
          </div>
          <div class="defrow">
            <dt>{t('restored.previous')}</dt>
            <dd class="mono small">{s.previous_device_id}</dd>
          </div>
        </dl>
      </div>
      <p id="restored-new-device">{t('restored.newDevice', { district })}</p>
      <p>{t('restored.peers')}</p>
      <p>{t('restored.fingerprint')}:</p>
      <p id="restored-fingerprint" class="fingerprint">
        {formatFingerprint(s.fingerprint)}
      </p>
      {np === 'set' && <Notice id="restored-passphrase">{t('restored.passphraseSet')}</Notice>}
      {np && np !== 'set' && (
        <Notice id="restored-passphrase" kind="warn">
          {t('restored.passphraseFailed', { message: np.message })}
        </Notice>
      )}
      <div class="actions">
        <button id="restored-continue" type="button" onClick={onContinue}>
          {t('restored.continue')}
        </button>
      </div>
    </main>
  );
}
