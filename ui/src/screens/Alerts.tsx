// Alerts: what imports from other districts refused, or turned into a request, and what to do
// about each. Erasure requests come first, for a coordinator to confirm or decline; then the
// alerts nobody has dealt with yet; then those already dealt with, which stay on record.

import { useEffect, useState } from 'preact/hooks';
import { alertWords, kindLabel } from '../alerts';
import { api } from '../api';
import { ErrorPanel, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatDateTime, formatDistrict } from '../format';
import { t } from '../i18n';
import { can } from '../roles';
import type { Alert, CaseDoc, Erased, ErasureRequest, ShownError } from '../types';
import { EraseDialog, type EraseTarget } from './case/EraseDialog';
import { fullName } from './case/VictimSection';

/** How many alerts of a list are shown at first, and how many more each time. */
const PAGE = 100;

/** The name of a person of a case, by their person id; empty when they are not in it. */
export function personName(doc: CaseDoc, person: string): string {
  if (doc.victim?.id === person) return fullName(doc.victim);
  for (const list of [doc.witnesses, doc.family_contacts, doc.perpetrators]) {
    const p = (list ?? []).find((x) => x.person_id === person);
    if (p) return fullName(p);
  }
  return '';
}

function AlertItem(props: { a: Alert; busy: boolean; onDismiss?: () => void }) {
  const { a } = props;
  const { lang, districtName, navigate, status } = useApp();
  const place = (code: string | null) => (code ? formatDistrict(code, districtName(code)) : t('alerts.unknownDistrict'));
  const words = alertWords(a, place);
  const impersonation = a.rule === 'impersonation';
  const time = formatDateTime(a.at, lang);
  return (
    <article class={`card alert-item alert-${a.kind}`} data-id={a.id} data-rule={a.rule} data-kind={a.kind}>
      <header class="item-head alert-head">
        <span class={`badge ${a.kind === 'bundle' ? 'badge-alert' : 'badge-warn'}`}>{kindLabel(a.kind)}</span>
        <time class="muted" dateTime={a.at}>
          {time}
        </time>
      </header>
      <p class="alert-what">{words.what}</p>
      <dl class="deflist alert-facts">
        {a.district && (
          <div class="defrow">
            <dt>{impersonation ? t('alerts.signedBy') : t('alerts.district')}</dt>
            <dd class="alert-district">{place(a.district)}</dd>
          </div>
        )}
        {a.sender && (
          <div class="defrow">
            <dt>{impersonation ? t('alerts.claimed') : t('alerts.sender')}</dt>
            <dd class="alert-sender">{place(a.sender)}</dd>
          </div>
        )}
        {a.case_number && (
          <div class="defrow">
            <dt>{t('alerts.case')}</dt>
            <dd class="mono">{formatCaseNumber(a.case_number)}</dd>
          </div>
        )}
        {a.district && words.trust && (
          <div class="defrow">
            <dt>{t('alerts.device')}</dt>
            <dd class="small wrap">{t('alerts.deviceOf', { device: a.device, district: place(a.district) })}</dd>
          </div>
        )}
      </dl>
      <p class="alert-todo">
        <strong>{t('alerts.todo')}</strong> {words.todo}
      </p>
      {(props.onDismiss || (words.trust && can(status.capabilities, 'manage_trust'))) && (
        <div class="actions">
          {words.trust && can(status.capabilities, 'manage_trust') && (
            <button type="button" class="secondary small" onClick={() => navigate({ name: 'trust' })}>
              {t('alerts.goTrust')}
            </button>
          )}
          {props.onDismiss && (
            <button
              type="button"
              class="alert-dismiss small"
              disabled={props.busy}
              aria-label={t('alerts.dismissLabel', { time })}
              onClick={props.onDismiss}
            >
              {t('alerts.dismiss')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function DoneItem({ a }: { a: Alert }) {
  const { lang, districtName } = useApp();
  const place = (code: string | null) => (code ? formatDistrict(code, districtName(code)) : t('alerts.unknownDistrict'));
  return (
    <li class="alert-done" data-id={a.id} data-rule={a.rule}>
      <span class="muted nowrap">{formatDateTime(a.at, lang, 'short')}</span> <span>{alertWords(a, place).what}</span>{' '}
      <span class="muted">({t('alerts.dismissedAt', { time: formatDateTime(a.dismissed_at, lang, 'short') })})</span>
    </li>
  );
}

function RequestItem(props: { r: ErasureRequest; busy: boolean; onConfirm: () => void; onDecline: () => void }) {
  const { r } = props;
  const { lang, districtName, navigate } = useApp();
  const number = formatCaseNumber(r.case_number);
  const from = r.from ? formatDistrict(r.from, districtName(r.from)) : t('alerts.unknownDistrict');
  return (
    <article class="card alert-item alert-request request-item" data-alert={r.alert} data-case-number={r.case_number}>
      <header class="item-head alert-head">
        <span class="badge badge-warn">{kindLabel('request')}</span>
        <time class="muted" dateTime={r.at}>
          {formatDateTime(r.at, lang)}
        </time>
      </header>
      <p class="alert-what">
        {r.victim ? t('alerts.request.victim', { district: from, number }) : t('alerts.request.person', { district: from, number })}
      </p>
      <div class="actions">
        <button type="button" class="link" onClick={() => navigate({ name: 'case', id: r.case_number })}>
          {t('alerts.request.openCase', { number })}
        </button>
        <button
          type="button"
          class="request-confirm danger small"
          disabled={props.busy}
          aria-label={t('alerts.request.confirmLabel', { number })}
          onClick={props.onConfirm}
        >
          {t('alerts.request.confirm')}
        </button>
        <button
          type="button"
          class="request-decline secondary small"
          disabled={props.busy}
          aria-label={t('alerts.request.declineLabel', { number })}
          onClick={props.onDecline}
        >
          {t('alerts.request.decline')}
        </button>
      </div>
    </article>
  );
}

export function AlertsScreen() {
  const { status, districtName, refreshAlerts } = useApp();
  const mayDismiss = can(status.capabilities, 'manage_trust');
  const mayErase = can(status.capabilities, 'erase');
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [requests, setRequests] = useState<ErasureRequest[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<{ request: ErasureRequest; target: EraseTarget } | null>(null);
  const [openShown, setOpenShown] = useState(PAGE);
  const [doneShown, setDoneShown] = useState(PAGE);

  const load = async () => {
    try {
      const [list, open] = await Promise.all([api.alertsList(), mayErase ? api.erasureRequests() : Promise.resolve([])]);
      setAlerts(list);
      setRequests(open);
      setLoadError(null);
    } catch (e) {
      setLoadError(e as ShownError);
    }
  };
  useEffect(() => void load(), []);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(done);
      await load();
      refreshAlerts();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  /** Opens the confirmation, naming the person when the case says who they are. */
  const openConfirm = async (r: ErasureRequest) => {
    setError(null);
    setMessage(null);
    let name = '';
    try {
      name = personName(await api.caseGet(r.case_number), r.person);
    } catch {
      // The dialog still says which case; the name is a help, not a need.
    }
    setConfirming({ request: r, target: { personId: r.victim ? null : r.person, name: name || t('alerts.request.someone') } });
  };

  const confirmed = (erased: Erased) => {
    setConfirming(null);
    setMessage(
      t('alerts.request.done', { entities: erased.entities, ops: erased.ops_emptied }) +
        (erased.cleanup_pending ? ` ${t('erase.cleanupPending')}` : ''),
    );
    void load();
    refreshAlerts();
  };

  // Requests shown at the top are not listed again among the alerts.
  const asked = new Set(requests.map((r) => r.alert));
  const open = (alerts ?? []).filter((a) => !a.dismissed_at && !asked.has(a.id));
  const done = (alerts ?? []).filter((a) => a.dismissed_at);
  const from = (r: ErasureRequest) => (r.from ? formatDistrict(r.from, districtName(r.from)) : t('alerts.unknownDistrict'));

  return (
    <section class="screen">
      <ScreenTitle>{t('alerts.title')}</ScreenTitle>
      <p class="lead">{t('alerts.intro')}</p>
      {message && <Notice id="alerts-done">{message}</Notice>}
      <ErrorPanel id="alerts-error" error={error} />
      <ErrorPanel error={loadError} title={t('alerts.loadFailed')} />

      {requests.length > 0 && (
        <section class="alert-group" aria-labelledby="requests-heading">
          <h2 id="requests-heading">{t('alerts.requestsHeading', { count: requests.length })}</h2>
          <p class="hint">{t('alerts.requestsIntro')}</p>
          {requests.map((r) => (
            <RequestItem
              key={r.alert}
              r={r}
              busy={busy}
              onConfirm={() => void openConfirm(r)}
              onDecline={() => void run(() => api.alertDismiss(r.alert), t('alerts.request.declined'))}
            />
          ))}
        </section>
      )}

      {alerts && alerts.length === 0 && requests.length === 0 && <p class="empty">{t('alerts.empty')}</p>}
      {alerts && (alerts.length > 0 || requests.length > 0) && (
        <section class="alert-group" aria-labelledby="alerts-open-heading">
          <h2 id="alerts-open-heading">{t('alerts.openHeading', { count: open.length })}</h2>
          {open.length === 0 && <p class="empty">{t('alerts.noneOpen')}</p>}
          {open.slice(0, openShown).map((a) => (
            <AlertItem
              key={a.id}
              a={a}
              busy={busy}
              onDismiss={mayDismiss ? () => void run(() => api.alertDismiss(a.id), t('alerts.dismissed')) : undefined}
            />
          ))}
          {open.length > openShown && (
            <button type="button" class="secondary" onClick={() => setOpenShown((n) => n + PAGE)}>
              {t('alerts.more')}
            </button>
          )}
        </section>
      )}
      {done.length > 0 && (
        <section class="alert-group" aria-labelledby="alerts-done-heading">
          <h2 id="alerts-done-heading">{t('alerts.doneHeading', { count: done.length })}</h2>
          <ul class="alert-done-list">
            {done.slice(0, doneShown).map((a) => (
              <DoneItem key={a.id} a={a} />
            ))}
          </ul>
          {done.length > doneShown && (
            <button type="button" class="secondary" onClick={() => setDoneShown((n) => n + PAGE)}>
              {t('alerts.more')}
            </button>
          )}
        </section>
      )}

      {confirming && (
        <EraseDialog
          caseId={confirming.request.case_number}
          caseNumber={confirming.request.case_number}
          target={confirming.target}
          intro={t('alerts.request.dialogIntro', { district: from(confirming.request) })}
          erase={(reason) => api.erasureConfirm(confirming.request.alert, reason)}
          onCancel={() => setConfirming(null)}
          onErased={confirmed}
        />
      )}
    </section>
  );
}
