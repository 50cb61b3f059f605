import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/database';
import type { Database } from '../db/schema';
import type { EventBus } from '../events/event-bus';
import type { WechatAuth } from '../integrations/wechat/wechat-auth';
import type { ZzdAuth } from '../integrations/zzd/zzd-auth';
import type { PushChannel } from '../integrations/push/push-channel';
import type { Clock } from '../lib/time';
import type { OutboxHandler, OutboxWorker } from '../outbox/outbox.worker';
import type { Storage } from './uploads/storage';

/**
 * What the modules offer each other and the app (`app.services`). Each module adds its own keys
 * from its `index.ts` (`declare module '../module' { interface Services { … } }`), so this file
 * never changes when a module is added. The infrastructure's keys are declared here.
 */
export interface Services {
  outbox: OutboxWorker;
  events: EventBus;
}

/** Push channels by platform (a person gets pushes where they signed in); absent when not configured. */
export interface PushChannels {
  wechat?: PushChannel;
  zzd?: PushChannel;
}

/** The infrastructure every module may use, and the faces of the modules listed before it. */
export interface ModuleContext {
  config: Config;
  /** The database handle (dialect, file or URL); most modules only need `db`. */
  database: DatabaseHandle;
  db: Kysely<Database>;
  clock: Clock;
  log: FastifyBaseLogger;
  events: EventBus;
  /** Remote systems (sign-in clients are absent when not configured); `storage` replaces the uploads' local directory when given (tests). */
  integrations: { wechat?: WechatAuth; zzd?: ZzdAuth; storage?: Storage; push: PushChannels };
  /**
   * The faces of the modules composed so far. Reading a key that no earlier module offers throws
   * (a module must be listed after the modules it needs).
   */
  services: Services;
}

/**
 * A BFF module's public face (`bff/src/modules/<module>/index.ts`): what it offers, how it is
 * built from what it needs, its routes, its outbox topics and its shutdown. `app.ts` composes the
 * list in `modules/registry.ts`; nothing else names a module's services.
 */
export interface BffModule<K extends keyof Services = keyof Services> {
  name: string;
  /** Builds what the module offers (the keys it adds to `Services`). */
  create(ctx: ModuleContext): Pick<Services, K> | Promise<Pick<Services, K>>;
  /** Registers the module's routes (HTTP only: every rule lives in its services). */
  routes?(app: FastifyInstance, ctx: ModuleContext): void | Promise<void>;
  /** Outbox topics this module delivers (`topic → handler`); a topic belongs to one module. */
  outboxHandlers?(ctx: ModuleContext): Record<string, OutboxHandler>;
  /**
   * Adds the module's demo data (`npm start`, `npm run seed`, tests). Runs at every start after the
   * demo campus and people exist, in registry order, so it must be idempotent: a later day gets
   * that day's data and nothing is written twice.
   */
  seedDemo?(ctx: ModuleContext): Promise<void>;
  /** Stops the module's timers, threads and subscriptions; modules close in reverse order. */
  close?(ctx: ModuleContext): void | Promise<void>;
}

/** Any module, whatever it offers (what the registry lists). */
export type AnyBffModule = BffModule<never>;

/** Typed identity: lets a module's face infer the keys it offers. */
export function defineModule<K extends keyof Services>(module: BffModule<K>): BffModule<K> {
  return module;
}

/**
 * The services object modules see while they are composed: a key nobody offered yet throws with
 * a message that names it, instead of an `undefined` surfacing later.
 */
export function servicesInProgress(): {
  services: Services;
  add(offers: Partial<Services>): void;
  /** The plain object behind `services` (for `app.services`, once every module is added). */
  all: Services;
} {
  const filled: Partial<Services> = {};
  const services = new Proxy(filled, {
    get(target, key) {
      // 'then': awaiting the object must not throw.
      if (typeof key === 'string' && key !== 'then' && !(key in target)) {
        throw new Error(`no module offers "${key}" yet: list the module that offers it earlier in modules/registry.ts`);
      }
      return target[key as keyof Services];
    },
  }) as Services;
  return {
    services,
    all: filled as Services,
    add(offers) {
      for (const key of Object.keys(offers) as (keyof Services)[]) {
        if (key in filled) throw new Error(`two modules offer "${key}"`);
      }
      Object.assign(filled, offers);
    },
  };
}
