// Referrals of a case to other districts: the ones made so far, and the form to refer the case.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { label, labels } from '../../codes';
import { DistrictField } from '../../components/districtPicker';
import { CodeChecks, TextField } from '../../components/fields';
import { caseFormKeys, ErrorPanel, focusFirstInvalid, focusWhenOpened, Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDistrict } from '../../format';
import { t } from '../../i18n';
import { regionLabel } from '../../regions';
import { hasDraft, useDirty, useDraft } from '../../state';
import type { CaseDoc, ShownError, Referral } from '../../types';
import { fieldErrorMap, type FieldErrors, isDistrictCode } from '../../validation';
import { CaseSection, useCanWrite } from './kit';

interface ReferralForm {
  to: string;
  reason: string;
  services: string[];
  override: string;
}

const EMPTY: ReferralForm = { to: '', reason: '', services: [], override: '' };

export function ReferralSection({ doc }: { doc: CaseDoc }) {
  const { districtName } = useApp();
  const caseId = doc.id ?? '';
  const draftKey = `case:${caseId}:referral`;
  const [open, setOpen] = useState(() => hasDraft(draftKey));
  const [form, setForm, discard] = useDraft<ReferralForm>(draftKey, () => ({ ...EMPTY }));
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [needsOverride, setNeedsOverride] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const root = useRef<HTMLFormElement>(null);
  const markClean = useDirty(open && JSON.stringify(form) !== JSON.stringify(EMPTY));
  const writes = useCanWrite('referral');
  const shared = doc.consent?.withdrawn_on ? [] : (doc.consent?.share_districts ?? []);

  const load = () =>
    api.referralList().then(
      (all) => setReferrals(all.filter((r) => r.case_id === caseId)),
      () => undefined,
    );
  useEffect(() => void load(), [caseId]);

  const set = (patch: Partial<ReferralForm>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    discard();
    markClean();
    setOpen(false);
    setError(null);
    setErrors({});
    setNeedsOverride(false);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    const to = form.to.trim();
    if (!isDistrictCode(to)) local.to = t('referral.errTo');
    if (!form.reason.trim()) local.reason = t('referral.errReason');
    if (needsOverride && !form.override.trim()) local.consent_override = t('referral.errOverride');
    setErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) {
      focusFirstInvalid(root.current);
      return;
    }
    setSaving(true);
    try {
      await api.referralCreate(caseId, to, form.reason.trim(), form.services, needsOverride ? form.override.trim() : null);
      close();
      setMessage(t('referral.created', { district: formatDistrict(to, districtName(to)) }));
      void load();
    } catch (err) {
      const ipc = err as ShownError;
      setError(ipc);
      setErrors(fieldErrorMap(ipc));
      if (ipc.code === 'consent_missing') {
        setNeedsOverride(true);
        requestAnimationFrame(() => document.getElementById('referral-override')?.focus());
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <CaseSection
      id="sec-referrals"
      title={t('section.referrals')}
      actions={
        !open &&
        writes && (
          <button
            id="refer-open"
            type="button"
            class="secondary small"
            onClick={() => {
              setMessage(null);
              setOpen(true);
              focusWhenOpened(() => document.getElementById('referral-to'));
            }}
          >
            {t('case.referOpen')}
          </button>
        )
      }
    >
      {message && <Notice>{message}</Notice>}
      {open && (
        <form class="subform" ref={root} onSubmit={submit} onKeyDown={caseFormKeys} noValidate>
          <h3>{t('referral.heading')}</h3>
          <div class="form-grid">
            <DistrictField
              id="referral-to"
              label={t('referral.to')}
              hint={
                shared.length > 0
                  ? `${t('referral.toHint')} ${t('referral.consented', { districts: shared.map((d) => formatDistrict(d, districtName(d))).join(', ') })}`
                  : t('referral.toHint')
              }
              value={form.to}
              onChange={(v) => {
                set({ to: v });
                setNeedsOverride(false);
              }}
              suggest={shared}
              path="to"
              errors={errors}
              required
            />
            <TextField id="referral-reason" label={t('referral.reason')} value={form.reason} onInput={(v) => set({ reason: v })} path="reason" errors={errors} multiline rows={2} required />
            <CodeChecks idPrefix="referral-service" label={t('referral.services')} list="service_type" values={form.services} onChange={(v) => set({ services: v })} path="services" errors={errors} />
            {needsOverride && (
              <TextField
                id="referral-override"
                label={t('referral.override')}
                hint={t('referral.overrideHint')}
                value={form.override}
                onInput={(v) => set({ override: v })}
                path="consent_override"
                errors={errors}
                multiline
                rows={2}
                required
              />
            )}
          </div>
          <ErrorPanel error={error} shownPaths={['to', 'reason', 'services', 'consent_override']} />
          <div class="actions">
            <button id="referral-submit" type="submit" disabled={saving}>
              {saving ? t('common.saving') : t('referral.submit')}
            </button>
            <button type="button" class="secondary" disabled={saving} onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {referrals.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {referrals.map((r) => (
            <li key={r.id} class="card referral-item" data-status={r.status}>
              <p class="item-head">
                <strong>
                  {t('referral.direction', {
                    from: regionLabel(r.from_district, districtName(r.from_district)),
                    to: regionLabel(r.to_district, districtName(r.to_district)),
                  })}
                </strong>{' '}
                <span class={`badge status-${r.status}`}>{label('referral_status', r.status)}</span>
              </p>
              {r.details && <p>{r.details}</p>}
              {r.reason && <p class="muted">{label('referral_reason', r.reason)}</p>}
              {r.services_requested.length > 0 && <p class="muted">{labels('service_type', r.services_requested)}</p>}
              {r.response_note && <p class="prewrap">{r.response_note}</p>}
            </li>
          ))}
        </ul>
      )}
    </CaseSection>
  );
}
