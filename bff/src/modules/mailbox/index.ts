import { defineModule } from '../module';
import { createMailboxService, type MailboxService } from './mailbox.service';
import { registerMailboxRoutes } from './mailbox.routes';
import { seedMailboxDemo } from './mailbox.seed';

export type { MailboxService } from './mailbox.service';

declare module '../module' {
  interface Services {
    /** The service mailbox (服务信箱). */
    mailbox: MailboxService;
  }
}

/** The service mailbox (服务信箱): letters routed by category to an admin, replied, rated. */
export const mailboxModule = defineModule({
  name: 'mailbox',
  create: ({ db, clock, services }) => ({
    mailbox: createMailboxService({ db, clock, messages: services.messages, uploads: services.uploads }),
  }),
  routes: (app, { services }) => registerMailboxRoutes(app, { auth: services.auth, mailbox: services.mailbox }),
  seedDemo: ({ db }) => seedMailboxDemo(db),
});
