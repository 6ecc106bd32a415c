// The unlocked app: the top bar (district, who is working and in which role), the left
// navigation (only the screens the role may use), the current screen, the automatic lock and the
// question before unsaved edits are left behind.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, inTauri } from './api';
import { setCodeLists } from './codes';
import { ErrorPanel, isSaveShortcut, UnsavedDialog } from './components/panels';
import { Ctx, type AppContext } from './context';
import { formatDate, formatDistrict, formatNumber } from './format';
import { type Key, t } from './i18n';
import { regionName, setRegions } from './regions';
import { mayOpen, type Route, type RouteName } from './routes';
import { AlertsScreen } from './screens/Alerts';
import { AuditScreen } from './screens/Audit';
import { CaseDetail } from './screens/case/CaseDetail';
import { ActivitiesScreen } from './screens/Activities';
import { AnnualReportScreen } from './screens/AnnualReport';
import { CaseList } from './screens/CaseList';
import { ConflictsScreen } from './screens/Conflicts';
import { DashboardScreen } from './screens/Dashboard';
import { DuplicatesScreen } from './screens/Duplicates';
import { ExchangeScreen } from './screens/Exchange';
import { LanguageSwitch } from './screens/LanguageSwitch';
import { NewCaseForm } from './screens/NewCaseForm';
import { OrganisationsScreen } from './screens/Organisations';
import { ReferralsScreen } from './screens/Referrals';
import { SettingsScreen } from './screens/Settings';
import { SpreadsheetScreen } from './screens/Spreadsheet';
import { StatisticsScreen } from './screens/Statistics';
import { taskTotal, TasksScreen } from './screens/Tasks';
import { TrustedDistricts } from './screens/TrustedDistricts';
import { anyDirty, autoLockMinutes, clearDirty, isBusy, setKeepDrafts } from './state';
import type { AppStatus, ShownError, Lang, Region } from './types';

/** The screen shown after an unlock: the one that was open when Lintas locked. */
let lastRoute: Route = { name: 'dashboard' };

/** Starts the next unlock on the dashboard (another operator unlocked). */
export function forgetScreen(): void {
  lastRoute = { name: 'dashboard' };
}

const NAV: { name: RouteName; id: string; key: Key }[] = [
  { name: 'dashboard', id: 'nav-dashboard', key: 'nav.dashboard' },
  { name: 'tasks', id: 'nav-tasks', key: 'nav.tasks' },
  { name: 'statistics', id: 'nav-statistics', key: 'nav.statistics' },
  { name: 'annual', id: 'nav-annual', key: 'nav.annual' },
  { name: 'activities', id: 'nav-activities', key: 'nav.activities' },
  { name: 'cases', id: 'nav-cases', key: 'nav.cases' },
  { name: 'new-case', id: 'nav-new-case', key: 'nav.newCase' },
  { name: 'referrals', id: 'nav-referrals', key: 'nav.referrals' },
  { name: 'organisations', id: 'nav-organisations', key: 'nav.organisations' },
  { name: 'exchange', id: 'nav-exchange', key: 'nav.exchange' },
  { name: 'import', id: 'nav-import', key: 'nav.import' },
  { name: 'trust', id: 'nav-trust', key: 'nav.trust' },
  { name: 'conflicts', id: 'nav-conflicts', key: 'nav.conflicts' },
  { name: 'duplicates', id: 'nav-duplicates', key: 'nav.duplicates' },
  { name: 'alerts', id: 'nav-alerts', key: 'nav.alerts' },
  { name: 'audit', id: 'nav-audit', key: 'nav.audit' },
  { name: 'settings', id: 'nav-settings', key: 'nav.settings' },
];

/** What waits behind the unsaved-edits question: another screen, or closing the window. */
type Pending = { kind: 'route'; route: Route } | { kind: 'close' };

export function Shell(props: {
  status: AppStatus;
  lang: Lang;
  onLanguage: (l: Lang) => Promise<void>;
  onLock: (autoLockedAfter?: number) => void;
}) {
  const caps = props.status.capabilities;
  // The screen left open by a lock may be one this role cannot use.
  const [route, setRoute] = useState<Route>(() => (mayOpen(lastRoute.name, caps) ? lastRoute : { name: 'dashboard' }));
  const [pending, setPending] = useState<Pending | null>(null);
  const [codesReady, setCodesReady] = useState(false);
  const [codesError, setCodesError] = useState<ShownError | null>(null);
  const [districts, setDistricts] = useState<Record<string, string>>({});
  // The region names, kept here for the district pickers; screens re-render when they arrive.
  const [regionList, setRegionList] = useState<Region[]>([]);
  // The main element is re-keyed on every navigation so that each screen starts fresh.
  const [visit, setVisit] = useState(0);

  const loadCodes = () => {
    setCodesError(null);
    api
      .codeLists()
      .then((lists) => {
        setCodeLists(lists);
        setCodesReady(true);
      })
      .catch((e: ShownError) => setCodesError(e));
  };

  const loadDistricts = () => {
    api
      .trustList()
      .then((devices) => {
        const names: Record<string, string> = {};
        for (const d of devices) names[d.district] = d.district_name;
        setDistricts(names);
      })
      .catch(() => undefined);
    // Region names are a convenience: without them, codes are shown alone.
    api
      .regions()
      .then((list) => {
        setRegions(list);
        setRegionList(list);
      })
      .catch(() => undefined);
  };

  // Alerts nobody has dealt with yet, beside their navigation entry; only for roles that may
  // read them.
  const [openAlerts, setOpenAlerts] = useState(0);
  const loadAlerts = () => {
    if (!mayOpen('alerts', caps)) return;
    api
      .alertsOpenCount()
      .then((n) => setOpenAlerts(Number(n) || 0))
      .catch(() => undefined);
  };

  // What waits in the worklist, beside its navigation entry. The core lists only what the role
  // may read and act on, so every role asks.
  const [openTasks, setOpenTasks] = useState(0);
  const loadTasks = () => {
    api
      .worklist()
      .then((w) => setOpenTasks(taskTotal(w)))
      .catch(() => undefined);
  };

  useEffect(() => {
    // Drafts kept across the lock have been picked up by now.
    setKeepDrafts(false);
    loadCodes();
    loadDistricts();
    loadAlerts();
    loadTasks();
  }, []);

  const go = (r: Route) => {
    // A link to a screen the role cannot use goes nowhere; the links are not offered either.
    if (!mayOpen(r.name, caps)) return;
    lastRoute = r;
    setRoute(r);
    setVisit((v) => v + 1);
    // The counts are cheap to ask for, and every screen change keeps them current.
    loadAlerts();
    loadTasks();
  };

  const navigate = (r: Route) => {
    if (anyDirty()) setPending({ kind: 'route', route: r });
    else go(r);
  };

  const locking = useRef(false);
  const lockNow = (auto?: number) => {
    if (locking.current) return;
    locking.current = true;
    lastRoute = route;
    props.onLock(auto);
  };
  // The listeners below are registered once and call the latest lockNow through this ref.
  const lockRef = useRef(lockNow);
  lockRef.current = lockNow;

  // Ctrl+L locks at once, from anywhere. Ctrl+S saves the form the focus is in (the form
  // handles it, caseFormKeys); anywhere else it does nothing, never the webview's "save page".
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lockRef.current();
      } else if (isSaveShortcut(e)) {
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Locks after the chosen minutes without a key press, click or mouse movement, unless a long
  // operation (an export, an import) is still running.
  const lastActivity = useRef(Date.now());
  useEffect(() => {
    const touch = () => {
      lastActivity.current = Date.now();
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'];
    for (const ev of events) window.addEventListener(ev, touch, { passive: true });
    const timer = window.setInterval(() => {
      const minutes = autoLockMinutes();
      if (isBusy()) {
        touch();
        return;
      }
      if (Date.now() - lastActivity.current >= minutes * 60_000) lockRef.current(minutes);
    }, 5_000);
    return () => {
      for (const ev of events) window.removeEventListener(ev, touch);
      window.clearInterval(timer);
    };
  }, []);

  // Closing the window with unsaved edits asks first, like leaving a screen does.
  useEffect(() => {
    if (!inTauri()) return;
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    import('@tauri-apps/api/window')
      .then(({ getCurrentWindow }) =>
        getCurrentWindow().onCloseRequested((event) => {
          if (anyDirty()) {
            event.preventDefault();
            setPending({ kind: 'close' });
          }
        }),
      )
      .then((fn) => {
        if (cancelled) fn();
        else unlisten = fn;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  const leave = async () => {
    const p = pending;
    clearDirty();
    setPending(null);
    if (!p) return;
    if (p.kind === 'route') go(p.route);
    else {
      const { getCurrentWindow } = await import('@tauri-apps/api/window');
      await getCurrentWindow().destroy();
    }
  };

  const ctx: AppContext = useMemo(
    () => ({
      status: props.status,
      lang: props.lang,
      route,
      navigate,
      setLanguage: props.onLanguage,
      lock: () => lockNow(),
      districtName: (code: string) =>
        (code === props.status.district ? props.status.district_name : districts[code]) ?? regionName(code),
      refreshDistricts: loadDistricts,
      openAlerts,
      refreshAlerts: loadAlerts,
      regions: regionList,
      openTasks,
      refreshTasks: loadTasks,
    }),
    [props.status, props.lang, route, districts, regionList, openAlerts, openTasks],
  );

  const active: RouteName = route.name === 'case' ? 'cases' : route.name;
  const s = props.status;

  return (
    <Ctx.Provider value={ctx}>
      <div class="shell">
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header class="topbar">
          <span class="brand">{t('app.name')}</span>
          <span class="topbar-district">{s.district ? formatDistrict(s.district, s.district_name) : ''}</span>
          <span id="top-operator" class="topbar-operator">
            {s.operator ? t('top.operator', { name: s.operator }) : ''}
          </span>
          {s.role && (
            <span id="top-role" class="topbar-role" data-role={s.role}>
              {t('top.role', { role: t(`role.${s.role}`) })}
            </span>
          )}
          <span class="spacer" />
          <LanguageSwitch id="top-language" lang={props.lang} onChange={(l) => void props.onLanguage(l)} />
          <button id="lock-button" type="button" class="secondary" title={t('top.lockHint')} onClick={() => lockNow()}>
            {t('top.lock')} <kbd>Ctrl+L</kbd>
          </button>
        </header>
        <nav class="sidenav" aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((n) => mayOpen(n.name, caps)).map((n) => (
              <li key={n.name}>
                <button
                  id={n.id}
                  type="button"
                  class={active === n.name ? 'active' : ''}
                  aria-current={active === n.name ? 'page' : undefined}
                  onClick={() => navigate({ name: n.name } as Route)}
                >
                  {t(n.key)}
                  {n.name === 'tasks' && openTasks > 0 && (
                    <>
                      <span id="nav-tasks-count" class="badge badge-count" aria-hidden="true">
                        {formatNumber(openTasks, props.lang)}
                      </span>
                      <span class="visually-hidden">, {t('nav.tasksOpen', { count: openTasks })}</span>
                    </>
                  )}
                  {n.name === 'alerts' && openAlerts > 0 && (
                    <>
                      <span id="nav-alerts-count" class="badge badge-alert" aria-hidden="true">
                        {formatNumber(openAlerts, props.lang)}
                      </span>
                      <span class="visually-hidden">, {t('nav.alertsOpen', { count: openAlerts })}</span>
                    </>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class={`content content-${route.name}`} key={visit}>
          {s.clock_warning && (
            <div id="clock-warning" class="panel panel-warn" role="alert">
              {t(s.clock_warning.direction === 'behind' ? 'clock.behind' : 'clock.ahead', {
                days: formatNumber(s.clock_warning.days, props.lang),
                date: formatDate(s.clock_warning.newest_seen, props.lang),
              })}
            </div>
          )}
          {codesError ? (
            <>
              <h1 id="screen-title">{t('app.startError')}</h1>
              <ErrorPanel error={codesError} />
              <button type="button" onClick={loadCodes}>
                {t('common.retry')}
              </button>
            </>
          ) : codesReady ? (
            <Screen route={route} />
          ) : (
            <p>{t('app.loading')}</p>
          )}
        </main>
      </div>
      {pending && <UnsavedDialog onStay={() => setPending(null)} onLeave={() => void leave()} />}
    </Ctx.Provider>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'tasks':
      return <TasksScreen />;
    case 'statistics':
      return <StatisticsScreen />;
    case 'annual':
      return <AnnualReportScreen />;
    case 'activities':
      return <ActivitiesScreen />;
    case 'cases':
      return <CaseList />;
    case 'case':
      return <CaseDetail key={route.id} id={route.id} created={route.created} section={route.section} />;
    case 'new-case':
      return <NewCaseForm />;
    case 'referrals':
      return <ReferralsScreen />;
    case 'organisations':
      return <OrganisationsScreen />;
    case 'exchange':
      return <ExchangeScreen />;
    case 'import':
      return <SpreadsheetScreen />;
    case 'trust':
      return <TrustedDistricts />;
    case 'conflicts':
      return <ConflictsScreen />;
    case 'duplicates':
      return <DuplicatesScreen />;
    case 'alerts':
      return <AlertsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
