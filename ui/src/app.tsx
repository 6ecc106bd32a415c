// The top of the UI: finds out whether this laptop has a store and whether it is unlocked, and
// shows first-run setup (or a restore), the recovery key, the unlock screen or the app itself.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';
import { ErrorPanel } from './components/panels';
import { getLang, setLang, storedLang, t } from './i18n';
import { RecoveryKeyScreen } from './screens/RecoveryKey';
import { type Restored, RestoredScreen } from './screens/Restore';
import { SetupScreen } from './screens/Setup';
import { UnlockScreen } from './screens/Unlock';
import { forgetScreen, Shell } from './shell';
import { dropDrafts, setKeepDrafts } from './state';
import type { AppStatus, ShownError, Lang } from './types';

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; error: ShownError }
  | { kind: 'setup' }
  | { kind: 'recovery'; key: string; district: string }
  | { kind: 'restored'; restored: Restored }
  | { kind: 'unlock'; autoLockedAfter?: number }
  | { kind: 'ready' };

/** Who is working: drafts and the open screen kept across a lock belong to them alone. */
function workingAs(s: AppStatus | null): string {
  return JSON.stringify([s?.operator ?? null, s?.role ?? null]);
}

function phaseFor(s: AppStatus): Phase {
  if (!s.initialised) return { kind: 'setup' };
  if (!s.unlocked) return { kind: 'unlock' };
  return { kind: 'ready' };
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [lang, setLangState] = useState<Lang>(getLang());
  // Who worked when Lintas locked, to compare with whoever unlocks.
  const lockedBy = useRef<string | null>(null);

  /** Asks the backend where we stand, and keeps the language the person chose earlier. */
  const refresh = async (next?: (s: AppStatus) => Phase) => {
    try {
      const s = await api.appStatus();
      const backendLang: Lang = s.lang === 'en' ? 'en' : 'id';
      const wanted = storedLang() ?? backendLang;
      if (wanted !== backendLang) {
        // The backend localises its messages; tell it the language chosen on this laptop.
        await api.setLanguage(wanted).catch(() => undefined);
      }
      setLang(wanted);
      setLangState(wanted);
      setStatus({ ...s, lang: wanted });
      setPhase(next ? next(s) : phaseFor(s));
    } catch (e) {
      setPhase({ kind: 'error', error: e as ShownError });
    }
  };

  useEffect(() => {
    void refresh();
  }, []);

  const changeLanguage = async (l: Lang) => {
    setLang(l);
    setLangState(l);
    setStatus((s) => (s ? { ...s, lang: l } : s));
    await api.setLanguage(l).catch(() => undefined);
  };

  /** Locks the store. Drafts of open forms are kept in memory until the next unlock. */
  const lock = async (autoLockedAfter?: number) => {
    lockedBy.current = workingAs(status);
    setKeepDrafts(true);
    await api.lock().catch(() => undefined);
    setPhase({ kind: 'unlock', autoLockedAfter });
  };

  switch (phase.kind) {
    case 'loading':
      return <p class="loading-screen">{t('app.loading')}</p>;
    case 'error':
      return (
        <main class="centered">
          <h1 id="screen-title">{t('app.startError')}</h1>
          <ErrorPanel error={phase.error} />
          <button type="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </main>
      );
    case 'setup':
      return (
        <SetupScreen
          lang={lang}
          onLanguage={changeLanguage}
          onDone={(key, district) => setPhase({ kind: 'recovery', key, district })}
          onRestored={(restored) => setPhase({ kind: 'restored', restored })}
        />
      );
    case 'restored':
      return <RestoredScreen restored={phase.restored} onContinue={() => void refresh(() => ({ kind: 'ready' }))} />;
    case 'recovery':
      return (
        <RecoveryKeyScreen
          recoveryKey={phase.key}
          district={phase.district}
          onDone={() => void refresh(() => ({ kind: 'ready' }))}
        />
      );
    case 'unlock':
      return (
        <UnlockScreen
          lang={lang}
          status={status}
          autoLockedAfter={phase.autoLockedAfter}
          onLanguage={changeLanguage}
          onUnlocked={() =>
            void refresh((s) => {
              // Another operator unlocked: the last one's drafts and open screen are not theirs.
              if (lockedBy.current !== null && lockedBy.current !== workingAs(s)) {
                dropDrafts();
                forgetScreen();
              }
              lockedBy.current = null;
              return phaseFor(s);
            })
          }
        />
      );
    case 'ready':
      return status ? (
        <Shell status={status} lang={lang} onLanguage={changeLanguage} onLock={lock} />
      ) : null;
  }
}
