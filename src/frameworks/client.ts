/**
 * Code that runs in a browser or on a device rather than in the service. Not an adapter: nothing
 * here handles requests. `src/analysis/file/file-kind.ts` reads these tables, and only it.
 */

/** The directive of a module that runs in the browser (React Server Components). */
export const CLIENT_DIRECTIVE = 'use client';

/** Packages of apps that run on a device: React Native and Expo. */
export const DEVICE_PACKAGE = /^(?:react-native(?:-[\w-]+)?|expo(?:-[\w-]+)?|@react-native(?:-[\w-]+)?\/.+|@expo\/.+)$/u;

/** React and the libraries with React's hook API. */
export const REACT_PACKAGES: readonly string[] = ['react', 'preact/hooks', 'preact/compat'];

/** React's hooks that keep component state or run effects: only components and hooks call them, and they run in a browser. */
export const CLIENT_HOOK = /^use(?:State|Reducer|Effect|LayoutEffect|InsertionEffect|SyncExternalStore|Ref)$/u;

/**
 * Packages of browser UI code other than React: a module that imports one and serves no request is
 * a component or a composable. (`react-dom` and `@remix-run/react` are left out: server entries and
 * route modules import them too.)
 */
export const UI_PACKAGES: readonly string[] = ['preact', 'vue', 'solid-js', 'svelte'];

/** Lifecycle hooks of UI components, whose callbacks run in the browser after a render, never while a server renders. */
export const UI_EFFECTS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect', 'onMounted', 'onMount', 'componentDidMount', 'createEffect', '$effect']);
