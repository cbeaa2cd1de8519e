// The outbox's storage: IndexedDB through idb, so reports made offline, with their photos, survive
// a reload, a closed tab or a flat battery until they are sent.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ApiError } from '../../../common/api';

export type OutboxKind = 'progress' | 'problem' | 'problemFix' | 'sitePhotos';

export interface OutboxEntry {
  /** Order of making; entries are sent in this order. */
  seq?: number;
  kind: OutboxKind;
  /** What the user sees in the outbox: the record and what was done to it. */
  label: string;
  url: string;
  /**
   * Made with the entry and sent with every try, so a try whose answer was lost is not made twice
   * (server/http/request-receipts.ts). Entries kept by an older version of the app have none.
   */
  requestId?: string;
  /** The JSON body, photo ids included. */
  body: Record<string, unknown> & { version?: number; photoIds?: string[] };
  photos: { id: string; blob: Blob }[];
  createdAt: string;
  /** waiting: to send; conflict: the record moved on (409), the user decides; failed: refused, the user decides. */
  state: 'waiting' | 'conflict' | 'failed';
  error: ApiError['error'] | null;
  /** The record as the server has it now, from a 409. */
  current: { version: number } | null;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;
const db = () => (opened ??= openDB<OutboxSchema>('fupin-outbox', 1, {
  upgrade(d) {
    d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
  },
}));

export const outboxDb = {
  all: async () => (await db()).getAll('outbox'),
  add: async (entry: OutboxEntry) => (await db()).add('outbox', entry),
  put: async (entry: OutboxEntry) => (await db()).put('outbox', entry),
  remove: async (seq: number) => (await db()).delete('outbox', seq),
};
