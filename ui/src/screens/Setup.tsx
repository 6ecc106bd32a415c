// First run: the language, then the district, the operator and the passphrase of a new encrypted
// store, or a backup restored from another laptop.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { DistrictField } from '../components/districtPicker';
import { PassphraseStrength, TextField, type TextFieldProps } from '../components/fields';
import { ErrorPanel, focusFirstError, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { type Key, t } from '../i18n';
import { checkNewPassphrase } from '../passphrase';
import type { ShownError, Lang, Region } from '../types';
import { fieldErrorMap, type FieldErrors, isDistrictCode } from '../validation';
import { LanguageSwitch } from './LanguageSwitch';
import { type Restored, RestoreForm } from './Restore';

interface SetupForm {
  district: string;
  district_name: string;
  operator: string;
  passphrase: string;
  passphrase_repeat: string;
}

const EMPTY: SetupForm = { district: '', district_name: '', operator: '', passphrase: '', passphrase_repeat: '' };

/** The inputs of the form, in order, by the path the backend names them with. */
const FIELDS: { path: keyof SetupForm; id: string; label: Key; hint?: Key; more?: Partial<TextFieldProps> }[] = [
  { path: 'district_name', id: 'setup-district-name', label: 'setup.districtName', hint: 'setup.districtNameHint' },
  { path: 'operator', id: 'setup-operator', label: 'setup.operator', hint: 'setup.operatorHint', more: { autoComplete: 'name', wide: true } },
  { path: 'passphrase', id: 'setup-passphrase', label: 'setup.passphrase', hint: 'setup.passphraseHint', more: { type: 'password', autoComplete: 'new-password' } },
  { path: 'passphrase_repeat', id: 'setup-passphrase-repeat', label: 'setup.passphraseRepeat', more: { type: 'password', autoComplete: 'new-password' } },
];

/** The id of the input of each path, to move the focus to the first problem. */
const INPUT_IDS: Record<string, string> = { district: 'setup-district', ...Object.fromEntries(FIELDS.map((f) => [f.path, f.id])) };

export function SetupScreen(props: {
  lang: Lang;
  onLanguage: (l: Lang) => void;
  onDone: (recoveryKey: string, districtName: string) => void;
  onRestored: (restored: Restored) => void;
}) {
  const [restoring, setRestoring] = useState(false);
  const [form, setForm] = useState<SetupForm>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ShownError | null>(null);
  const [working, setWorking] = useState(false);
  // The region names, to choose the district by name. Before the store exists the shell may
  // not answer; the code is then typed, and the name too.
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    api.regions().then(setRegions, () => undefined);
  }, []);

  const set = (patch: Partial<SetupForm>) => setForm((f) => ({ ...f, ...patch }));
  /** A district chosen: its name fills the name field, unless a name of one's own was typed there. */
  const chooseDistrict = (code: string) =>
    setForm((f) => {
      const name = (c: string) => regions.find((r) => r.code === c)?.name ?? '';
      const own = f.district_name.trim() !== '' && f.district_name !== name(f.district);
      return { ...f, district: code, district_name: own ? f.district_name : name(code) || f.district_name };
    });
  const { district, district_name: districtName, operator, passphrase: pass, passphrase_repeat: repeat } = form;

  const submit = async (e: Event) => {
    e.preventDefault();
    // These checks only save a round trip; the backend checks the same things again.
    const local: FieldErrors = {};
    if (!isDistrictCode(district)) local.district = t('setup.errDistrict');
    if (!districtName.trim()) local.district_name = t('setup.errDistrictName');
    if (!operator.trim()) local.operator = t('setup.errOperator');
    Object.assign(local, checkNewPassphrase(pass, repeat));
    setErrors(local);
    setError(null);
    if (focusFirstError(local, INPUT_IDS)) return;
    setWorking(true);
    try {
      const res = await api.setup(district.trim(), districtName.trim(), operator.trim(), pass);
      set({ passphrase: '', passphrase_repeat: '' });
      props.onDone(res.recovery_key, districtName.trim());
    } catch (err) {
      const ipc = err as ShownError;
      setError(ipc);
      setErrors(fieldErrorMap(ipc));
    } finally {
      setWorking(false);
    }
  };

  // The language comes first, before any other field: everything after it is read in it.
  const language = <LanguageSwitch id="setup-language" lang={props.lang} onChange={props.onLanguage} />;

  return (
    <main class="centered setup">
      {restoring ? (
        <>
          <div class="corner">{language}</div>
          <RestoreForm onCancel={() => setRestoring(false)} onRestored={props.onRestored} />
        </>
      ) : (
        <>
          <ScreenTitle>{t('setup.title')}</ScreenTitle>
          <div class="setup-language">{language}</div>
          <p class="lead">{t('setup.intro')}</p>
          <p class="restore-offer">
            {t('setup.restoreOffer')}{' '}
            <button id="restore-open" type="button" class="secondary small" onClick={() => setRestoring(true)}>
              {t('restore.open')}
            </button>
          </p>
          <form onSubmit={submit} noValidate>
            <div class="form-grid">
              <DistrictField
                id="setup-district"
                label={t('setup.district')}
                hint={t('setup.districtHint')}
                value={district}
                onChange={chooseDistrict}
                path="district"
                errors={errors}
                regions={regions}
                required
              />
              {FIELDS.map((f) => (
                <TextField
                  key={f.path}
                  id={f.id}
                  label={t(f.label)}
                  hint={f.hint && t(f.hint)}
                  value={form[f.path]}
                  onInput={(v) => set({ [f.path]: v })}
                  path={f.path}
                  errors={errors}
                  required
                  {...f.more}
                />
              ))}
            </div>
            <PassphraseStrength value={pass} />
            <ErrorPanel id="setup-error" error={error} shownPaths={['district', 'district_name', 'operator', 'passphrase']} />
            <SubmitOrProgress id="setup-submit" label={t('setup.submit')} running={working} progress={t('setup.working')} />
          </form>
        </>
      )}
    </main>
  );
}
