/// <reference types="vite/client" />

/** True in the dev server and in `--mode mock` builds, where a plain browser gets a mock backend. */
declare const __LINTAS_MOCK__: boolean;
