// What every screen of the unlocked app may use: who and where we are, the language, and
// navigation.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Route } from './routes';
import type { AppStatus, Lang, Region } from './types';

export interface AppContext {
  status: AppStatus;
  lang: Lang;
  route: Route;
  /** Goes to another screen, asking first if a form holds unsaved edits. */
  navigate: (route: Route) => void;
  setLanguage: (lang: Lang) => Promise<void>;
  lock: () => void;
  /**
   * The name of a district that this laptop knows: its own, a trusted one, or one from the
   * region names (imported code list).
   */
  districtName: (code: string) => string | null;
  /** Reloads the known districts and region names (after a card was trusted or a list imported). */
  refreshDistricts: () => void;
  /** Alerts nobody has dealt with yet, as the navigation shows them (0 when not known). */
  openAlerts: number;
  /** Asks again how many alerts are open (after an import, a dismissal or a confirmation). */
  refreshAlerts: () => void;
  /**
   * Every region with a name (provinces and kabupaten/kota), loaded once per unlock and again
   * after a code list was imported or a card trusted; empty until the shell has them.
   */
  regions: Region[];
  /** The tasks of the worklist, as the navigation counts them (0 when not known). */
  openTasks: number;
  /** Asks the worklist again (after a save, a decision or an approval). */
  refreshTasks: () => void;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside the unlocked app');
  return ctx;
}
