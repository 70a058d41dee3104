/**
 * The page's state in one place: a small store that holds one immutable-by-convention object,
 * replaces it on `update`, and tells each subscriber the new and the previous state, so a view
 * redraws only when its part changed (compared by reference).
 *
 * @example
 * const store = createStore({ count: 0 });
 * store.subscribe((s, prev) => { if (s.count !== prev.count) draw(s.count); });
 * store.update((s) => ({ count: s.count + 1 }));
 */

/** Called after every update with the new and the previous state. */
export type StoreListener<S> = (state: S, previous: S) => void;

/** A store of one state object. */
export interface Store<S extends object> {
  get(): S;
  /** Merges `patch` (or what `fn` returns for the current state) into a new state object. */
  update(patch: Partial<S> | ((state: S) => Partial<S>)): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: StoreListener<S>): () => void;
}

/** Creates a store holding `initial`. */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<StoreListener<S>>();
  let notifying = false;
  const queued: S[] = [];
  return {
    get: () => state,
    update(patch) {
      const change = typeof patch === 'function' ? patch(state) : patch;
      const previous = state;
      state = { ...state, ...change };
      // An update made by a listener is delivered after the current round, in order.
      if (notifying) {
        queued.push(previous);
        return;
      }
      notifying = true;
      try {
        let prev: S | undefined = previous;
        while (prev !== undefined) {
          const current = state;
          for (const listener of [...listeners]) listener(current, prev);
          prev = queued.shift();
        }
      } finally {
        notifying = false;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
