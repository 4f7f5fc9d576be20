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

/**
 * React's hooks that keep component state, run effects or read a component's context: only
 * components and hooks call them (server components call none of them), and they run in a browser.
 */
export const CLIENT_HOOK = /^use(?:State|Reducer|Effect|LayoutEffect|InsertionEffect|SyncExternalStore|Ref|Memo|Callback|Context|Transition|DeferredValue|ImperativeHandle|Optimistic|ActionState)$/u;

/**
 * Packages of browser UI code other than React: a module that imports one and serves no request is
 * a component or a composable. (`react-dom` and `@remix-run/react` are left out: server entries and
 * route modules import them too.)
 */
export const UI_PACKAGES: readonly string[] = ['preact', 'vue', 'solid-js', 'svelte'];

/** Lifecycle hooks of UI components, whose callbacks run in the browser after a render, never while a server renders. */
export const UI_EFFECTS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect', 'onMounted', 'onMount', 'componentDidMount', 'createEffect', '$effect']);

/**
 * Next.js modules that only components import (links, the router, images, fonts, `next/dynamic`):
 * a module of hooks that imports Next.js through these alone is browser code.
 */
export const NEXT_CLIENT_MODULES: ReadonlySet<string> = new Set(['next/link', 'next/router', 'next/navigation', 'next/image', 'next/legacy/image', 'next/dynamic', 'next/head', 'next/script', 'next/amp', 'next/font/google', 'next/font/local']);

/** What a pages-router module exports to run on the server before its component renders. */
export const NEXT_SERVER_DATA: ReadonlySet<string> = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']);
