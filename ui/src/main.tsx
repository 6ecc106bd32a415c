// Entry point: styles, the backend (the Tauri shell, or the mock for a browser preview), and
// the app.

import './styles/app.css';
import { render } from 'preact';
import { inTauri, setBackend } from './api';
import { App } from './app';
import { setLang, storedLang } from './i18n';

async function boot(): Promise<void> {
  setLang(storedLang() ?? 'id');
  if (__LINTAS_MOCK__ && !inTauri()) {
    // A browser preview without the shell: an in-memory backend with sample data.
    const { mockBackend } = await import('../mock/backend');
    setBackend(mockBackend(new URLSearchParams(window.location.search)));
  }
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}

void boot();
