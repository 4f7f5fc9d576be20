import type { FrameworkAdapter } from './types.js';

/** Google Cloud Run functions and Firebase Functions. */
export const gcp: FrameworkAdapter = {
  name: 'Google Cloud Functions / Firebase',
  packages: ['@google-cloud/functions-framework', 'firebase-functions'],
  handlerCalls: [
    { names: ['http', 'cloudEvent'], when: 'evidence' },
    { names: ['onRequest', 'onCall'], when: 'evidence' },
    { names: ['onDocumentCreated', 'onDocumentUpdated', 'onDocumentWritten', 'onDocumentDeleted', 'onMessagePublished', 'onObjectFinalized', 'onSchedule', 'onTaskDispatched'], when: 'evidence' },
  ],
  requestTypes: ['CallableRequest', 'CloudEvent'],
};
