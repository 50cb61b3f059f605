import { randomUUID } from 'node:crypto';
import type { EventBus } from '../../events/event-bus';

/** The bus channel of changes that make cached menu answers stale. */
export const MENU_CHANGES = 'canteen.menu-changes';

/**
 * What changed: a canteen's menus, dishes or meal times (`date` and `personId` absent), or one
 * person's votes on one day (both present: that day's counts and that person's own votes).
 */
export interface MenuChange {
  canteenId: string;
  date?: string;
  personId?: string;
}

interface MenuChangeEvent extends MenuChange {
  /** The instance that published it: it applied the change already, synchronously. */
  origin: string;
}

export type MenuChangeListener = (change: MenuChange) => void;

/**
 * Tells every instance's menu caches what changed. Listeners in this instance hear a change
 * synchronously, before the writer answers (so the writer's next read is fresh); other instances
 * hear it through the event bus (LISTEN/NOTIFY on PostgreSQL) a few milliseconds later.
 */
export function createMenuChanges(bus: EventBus) {
  const origin = randomUUID();
  const listeners = new Set<MenuChangeListener>();
  const tell = (change: MenuChange) => {
    for (const listener of listeners) listener(change);
  };
  const unsubscribe = bus.subscribe(MENU_CHANGES, (payload) => {
    const event = payload as MenuChangeEvent;
    if (event?.origin !== origin && typeof event?.canteenId === 'string') tell(event);
  });

  return {
    /** Call after the change is committed. */
    changed(change: MenuChange): void {
      tell(change);
      void bus.publish(MENU_CHANGES, { ...change, origin } satisfies MenuChangeEvent);
    },
    listen(listener: MenuChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      unsubscribe();
      listeners.clear();
    },
  };
}

export type MenuChanges = ReturnType<typeof createMenuChanges>;
