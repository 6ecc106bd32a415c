import { defineConfig } from 'vitest/config';

// The UI is served by the Tauri shell under a strict CSP (no inline scripts or styles, no
// remote content, no eval). Vite already emits CSS as files and scripts as modules; the options
// below keep it that way: no assets are inlined as data URIs, and no modulepreload polyfill is
// injected.
export default defineConfig(({ mode }) => ({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // The in-memory mock backend is only bundled for `--mode mock` and the dev server, so the
  // production bundle does not carry it.
  define: {
    __LINTAS_MOCK__: JSON.stringify(mode === 'mock' || mode === 'development'),
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['es2021', 'chrome100', 'safari15', 'firefox100'],
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    // The layout test reads the style sheet as text (`app.css?raw`); Vitest empties CSS otherwise.
    css: { include: [/app\.css/] },
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
  },
}));
