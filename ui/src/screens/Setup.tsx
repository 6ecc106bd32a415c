// First run: the district, the operator and the passphrase of a new encrypted store.

import { useState } from 'preact/hooks';
import { api } from '../api';
import { TextField } from '../components/fields';
import { ErrorPanel, Progress, ScreenTitle } from '../components/panels';
import { type Key, t } from '../i18n';
import type { IpcError, Lang } from '../types';
import { fieldErrorMap, type FieldErrors, isDistrictCode } from '../validation';
import { LanguageSwitch } from './LanguageSwitch';

/** The backend's minimum passphrase length (README: "Minimum length: 10 characters"). */
export const MIN_PASSPHRASE = 10;

export type Strength = 'tooShort' | 'fair' | 'good' | 'strong';

/**
 * How strong a passphrase looks, by length only. Length is what matters against guessing, and
 * it is easy to explain: a few ordinary words beat one short complicated word.
 */
export function passphraseStrength(p: string): Strength {
  const n = [...p].length;
  if (n < MIN_PASSPHRASE) return 'tooShort';
  if (n < 16) return 'fair';
  if (n < 24) return 'good';
  return 'strong';
}


export function SetupScreen(props: { lang: Lang; onLanguage: (l: Lang) => void; onDone: (recoveryKey: string, districtName: string) => void }) {
  const [district, setDistrict] = useState('');
  const [districtName, setDistrictName] = useState('');
  const [operator, setOperator] = useState('');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<IpcError | null>(null);
  const [working, setWorking] = useState(false);

  const strength = passphraseStrength(pass);
  const count = [...pass].length;

  const submit = async (e: Event) => {
    e.preventDefault();
    // These checks only save a round trip; the backend checks the same things again.
    const local: FieldErrors = {};
    if (!isDistrictCode(district)) local.district = t('setup.errDistrict');
    if (!districtName.trim()) local.district_name = t('setup.errDistrictName');
    if (!operator.trim()) local.operator = t('setup.errOperator');
    if (count < MIN_PASSPHRASE) local.passphrase = t('setup.errTooShort', { count });
    else if (pass !== repeat) local.passphrase_repeat = t('setup.errMismatch');
    setErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) {
      const first = ['district', 'district_name', 'operator', 'passphrase', 'passphrase_repeat'].find((k) => local[k]);
      const ids: Record<string, string> = {
        district: 'setup-district',
        district_name: 'setup-district-name',
        operator: 'setup-operator',
        passphrase: 'setup-passphrase',
        passphrase_repeat: 'setup-passphrase-repeat',
      };
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    setWorking(true);
    try {
      const res = await api.setup(district.trim(), districtName.trim(), operator.trim(), pass);
      setPass('');
      setRepeat('');
      props.onDone(res.recovery_key, districtName.trim());
    } catch (err) {
      const ipc = err as IpcError;
      setError(ipc);
      setErrors(fieldErrorMap(ipc));
    } finally {
      setWorking(false);
    }
  };

  return (
    <main class="centered setup">
      <div class="corner">
        <LanguageSwitch id="setup-language" lang={props.lang} onChange={props.onLanguage} />
      </div>
      <ScreenTitle>{t('setup.title')}</ScreenTitle>
      <p class="lead">{t('setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div class="form-grid">
          <TextField
            id="setup-district"
            label={t('setup.district')}
            hint={t('setup.districtHint')}
            value={district}
            onInput={setDistrict}
            path="district"
            errors={errors}
            placeholder="65.03"
            inputMode="decimal"
            maxLength={5}
            required
          />
          <TextField
            id="setup-district-name"
            label={t('setup.districtName')}
            hint={t('setup.districtNameHint')}
            value={districtName}
            onInput={setDistrictName}
            path="district_name"
            errors={errors}
            required
          />
          <TextField
            id="setup-operator"
            label={t('setup.operator')}
            hint={t('setup.operatorHint')}
            value={operator}
            onInput={setOperator}
            path="operator"
            errors={errors}
            autoComplete="name"
            required
            wide
          />
          <TextField
            id="setup-passphrase"
            type="password"
            label={t('setup.passphrase')}
            hint={t('setup.passphraseHint')}
            value={pass}
            onInput={setPass}
            path="passphrase"
            errors={errors}
            autoComplete="new-password"
            required
          />
          <TextField
            id="setup-passphrase-repeat"
            type="password"
            label={t('setup.passphraseRepeat')}
            value={repeat}
            onInput={setRepeat}
            path="passphrase_repeat"
            errors={errors}
            autoComplete="new-password"
            required
          />
        </div>
        {pass && (
          <div class={`strength strength-${strength}`} aria-live="polite">
            <span class="strength-meter" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            <span>
              {t('strength.label')}: {t(`strength.${strength}` as Key, { count })}
            </span>
          </div>
        )}
        <ErrorPanel id="setup-error" error={error} shownPaths={['district', 'district_name', 'operator', 'passphrase']} />
        {working ? (
          <Progress label={t('setup.working')} />
        ) : (
          <div class="actions">
            <button id="setup-submit" type="submit">
              {t('setup.submit')}
            </button>
          </div>
        )}
      </form>
    </main>
  );
}
