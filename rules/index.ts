import noGlobalState from './no-global-state.js';
import noModuleState from './no-module-state.js';
import noRequestLeak from './no-request-leak.js';

export const rules = {
  'no-global-state': noGlobalState,
  'no-module-state': noModuleState,
  'no-request-leak': noRequestLeak,
};
