import noGlobalState from './no-global-state.js';
import noInMemorySession from './no-in-memory-session.js';
import noInstanceState from './no-instance-state.js';
import noLocalFiles from './no-local-files.js';
import noMemoryStore from './no-memory-store.js';
import noModuleState from './no-module-state.js';
import noProcessTimers from './no-process-timers.js';
import noRandomSecret from './no-random-secret.js';
import noRequestLeak from './no-request-leak.js';
import noStickySession from './no-sticky-session.js';

export const rules = {
  'no-global-state': noGlobalState,
  'no-in-memory-session': noInMemorySession,
  'no-instance-state': noInstanceState,
  'no-local-files': noLocalFiles,
  'no-memory-store': noMemoryStore,
  'no-module-state': noModuleState,
  'no-process-timers': noProcessTimers,
  'no-random-secret': noRandomSecret,
  'no-request-leak': noRequestLeak,
  'no-sticky-session': noStickySession,
};
