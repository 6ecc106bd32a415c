// All referrals, incoming and outgoing. The receiving district accepts or declines a referral
// (with a note) and marks it completed after return and reintegration.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { label, labels } from '../codes';
import { ErrorPanel, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber } from '../format';
import { t } from '../i18n';
import { regionLabel } from '../regions';
import { canWrite } from '../roles';
import type { ShownError, Referral } from '../types';

type Show = 'all' | 'incoming' | 'outgoing';

/** Statuses from which the receiving district can still accept or decline. */
const UNDECIDED = ['Draft', 'Sent', 'Received'];

/**
 * What the receiving district may do with a referral now; nothing when the operator's role may
 * not write referrals (`writes`).
 */
export function referralActions(r: Referral, ownDistrict: string | null, writes: boolean): { decide: boolean; complete: boolean } {
  const receiver = writes && !!ownDistrict && r.to_district === ownDistrict;
  return {
    decide: receiver && UNDECIDED.includes(r.status),
    complete: receiver && r.status === 'Accepted',
  };
}

export function ReferralsScreen() {
  const { status, districtName, navigate, refreshTasks } = useApp();
  const own = status.district;
  const writes = canWrite(status.capabilities, 'referral');
  const [items, setItems] = useState<Referral[] | null>(null);
  const [show, setShow] = useState<Show>('all');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = () => api.referralList().then(setItems, setError);
  useEffect(() => void load(), []);

  const act = async (r: Referral, action: 'accept' | 'decline' | 'complete') => {
    setBusy(r.id);
    setError(null);
    setMessage(null);
    try {
      if (action === 'complete') await api.referralComplete(r.id);
      else await api.referralDecide(r.id, action === 'accept', note.trim() || null);
      const key = action === 'accept' ? 'referrals.accepted' : action === 'decline' ? 'referrals.declined' : 'referrals.completed';
      setMessage(t(key, { number: r.case_number }));
      if (action !== 'complete') setNote('');
      refreshTasks();
      await load();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(null);
    }
  };

  const shown = (items ?? []).filter((r) =>
    show === 'incoming' ? r.to_district === own : show === 'outgoing' ? r.from_district === own : true,
  );
  const anyDecidable = (items ?? []).some((r) => referralActions(r, own, writes).decide);
  const district = (code: string) => regionLabel(code, districtName(code));

  return (
    <section class="screen">
      <ScreenTitle>{t('referrals.title')}</ScreenTitle>
      <p class="lead">{t('referrals.intro')}</p>
      <div class="toolbar">
        <div class="field">
          <label for="referral-show">{t('referrals.show')}</label>
          <select id="referral-show" value={show} onChange={(e) => setShow((e.currentTarget as HTMLSelectElement).value as Show)}>
            <option value="all">{t('common.all')}</option>
            <option value="incoming">{t('referrals.incoming')}</option>
            <option value="outgoing">{t('referrals.outgoing')}</option>
          </select>
        </div>
        {anyDecidable && (
          <div class="field field-grow">
            <label for="referral-note">{t('referrals.note')}</label>
            <input
              id="referral-note"
              type="text"
              value={note}
              autoComplete="off"
              aria-describedby="referral-note-hint"
              onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
            />
            <p class="hint" id="referral-note-hint">
              {t('referrals.noteHint')}
            </p>
          </div>
        )}
      </div>
      {message && <Notice>{message}</Notice>}
      <ErrorPanel error={error} />
      {items && shown.length === 0 && <p class="empty">{t('referrals.empty')}</p>}
      {shown.length > 0 && (
        <table class="table referrals">
          <thead>
            <tr>
              <th scope="col">{t('referrals.colCase')}</th>
              <th scope="col">{t('referrals.colRoute')}</th>
              <th scope="col">{t('referrals.colStatus')}</th>
              <th scope="col">{t('referrals.colReason')}</th>
              <th scope="col">{t('referrals.colResponse')}</th>
              <th scope="col">{t('referrals.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const can = referralActions(r, own, writes);
              const number = formatCaseNumber(r.case_number);
              return (
                <tr key={r.id} class="referral-row" data-id={r.id} data-status={r.status}>
                  <td>
                    <button type="button" class="link mono" onClick={() => navigate({ name: 'case', id: r.case_id })}>
                      {number}
                    </button>
                  </td>
                  <td>
                    {t('referral.direction', { from: district(r.from_district), to: district(r.to_district) })}
                  </td>
                  <td>
                    <span class={`badge status-${r.status}`}>{label('referral_status', r.status)}</span>
                  </td>
                  <td>
                    {r.details && <p>{r.details}</p>}
                    {r.reason && <p class="muted">{label('referral_reason', r.reason)}</p>}
                    {r.services_requested.length > 0 && <p class="muted">{labels('service_type', r.services_requested)}</p>}
                  </td>
                  <td class="prewrap">{r.response_note ?? ''}</td>
                  <td>
                    <div class="row-actions">
                    {can.decide && (
                      <>
                        <button type="button" class="referral-accept small" disabled={busy !== null} aria-label={t('referrals.acceptLabel', { number })} onClick={() => void act(r, 'accept')}>
                          {t('referrals.accept')}
                        </button>
                        <button type="button" class="referral-decline small danger" disabled={busy !== null} aria-label={t('referrals.declineLabel', { number })} onClick={() => void act(r, 'decline')}>
                          {t('referrals.decline')}
                        </button>
                      </>
                    )}
                    {can.complete && (
                      <button type="button" class="referral-complete small" disabled={busy !== null} aria-label={t('referrals.completeLabel', { number })} onClick={() => void act(r, 'complete')}>
                        {t('referrals.complete')}
                      </button>
                    )}
                    {writes && !can.decide && !can.complete && r.from_district === own && UNDECIDED.includes(r.status) && (
                      <span class="muted small">
                        {r.status === 'Draft' ? t('referrals.hintSend', { district: district(r.to_district) }) : t('referrals.waiting')}
                      </span>
                    )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
