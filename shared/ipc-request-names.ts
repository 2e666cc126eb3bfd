// The names of the IPC contract's requests (shared/ipc-contract.ts) and its ack limit, without the
// contract's zod schemas: the window needs these at startup, and building every request's schema
// there was about a tenth of a second of its first second (issue 10). ipc-contract.ts checks at
// compile time that this list names exactly its entries.

export const VIGIL_REQUEST_NAMES = [
  'getSnapshot',
  'ackIncident',
  'ackIncidents',
  'getTimeline',
  'getSettings',
  'updateSettings',
  'setIdentity',
  'setSourceCredential',
  'getIncidentGraph',
  'getRunbook',
  'setChecklistStep',
  'openLink',
  'listOccurrences',
  'addNote',
  'getPostMortem',
  'createPostMortem',
  'savePostMortem',
  'listPostMortemRevisions',
  'getPostMortemRevision',
  'restorePostMortemRevision',
  'exportPostMortem',
] as const;

export type VigilRequestName = (typeof VIGIL_REQUEST_NAMES)[number];

/** The most incidents one ackIncidents request may name (an alarm storm of thousands fits). */
export const MAX_ACK_INCIDENTS = 2000;
