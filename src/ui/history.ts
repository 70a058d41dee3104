/**
 * Export history in IndexedDB (via idb): the last `MAX_HISTORY` exports with their bytes, so a
 * file can be downloaded again. A storage failure (quota, private mode) is reported to the caller
 * and never breaks the export that triggered it.
 */
import type { IDBPDatabase } from 'idb';
import type { ExportPrefs } from './prefs';

/** Exports kept in the history. */
export const MAX_HISTORY = 20;
const DB_NAME = 'backfolio';
const STORE = 'exports';

/** One stored export. */
export interface HistoryEntry {
  id?: number;
  name: string;
  /** ISO 8601 UTC. */
  time: string;
  size: number;
  mimeType: string;
  format: string;
  options: ExportPrefs;
  bytes: Uint8Array;
}

/** Ids to delete so that at most `max` entries remain: the oldest go first (by time, then id). */
export function selectEvicted(entries: Pick<HistoryEntry, 'id' | 'time'>[], max = MAX_HISTORY): number[] {
  if (entries.length <= max) return [];
  const sorted = [...entries].sort((a, b) => (a.time === b.time ? (a.id ?? 0) - (b.id ?? 0) : a.time < b.time ? -1 : 1));
  return sorted.slice(0, entries.length - max).flatMap((e) => (e.id === undefined ? [] : [e.id]));
}

/** True when an error is the browser refusing storage for lack of space. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

let dbPromise: Promise<IDBPDatabase> | null = null;

async function openHistory(): Promise<IDBPDatabase> {
  if (!dbPromise) {
    const { openDB } = await import('idb');
    dbPromise = openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      },
    });
    dbPromise.catch(() => {
      dbPromise = null;
    });
  }
  return dbPromise;
}

/** Stores an export and trims the history to `MAX_HISTORY`; throws what IndexedDB threw. */
export async function addHistoryEntry(entry: Omit<HistoryEntry, 'id'>): Promise<void> {
  const db = await openHistory();
  const tx = db.transaction(STORE, 'readwrite');
  await tx.store.add(entry);
  const all = (await tx.store.getAll()) as HistoryEntry[];
  for (const id of selectEvicted(all)) await tx.store.delete(id);
  await tx.done;
}

/** Entries without their bytes, newest first. */
export async function listHistory(): Promise<Omit<HistoryEntry, 'bytes'>[]> {
  const db = await openHistory();
  const all = (await db.getAll(STORE)) as HistoryEntry[];
  return all
    .map(({ bytes: _bytes, ...rest }) => rest)
    .sort((a, b) => (a.time === b.time ? (b.id ?? 0) - (a.id ?? 0) : a.time < b.time ? 1 : -1));
}

/** One entry with its bytes, or null when it was evicted meanwhile. */
export async function getHistoryEntry(id: number): Promise<HistoryEntry | null> {
  const db = await openHistory();
  return ((await db.get(STORE, id)) as HistoryEntry | undefined) ?? null;
}

/** Deletes every stored export. */
export async function clearHistory(): Promise<void> {
  const db = await openHistory();
  await db.clear(STORE);
}
