import { defineModule } from '../module';
import { createMessagesService, MESSAGE_TOPIC, type MessagesService } from './messages.service';
import { registerMessageRoutes } from './messages.routes';
import { createPushDelivery, MESSAGE_PUSH_TOPIC } from './push-delivery';
import { pushAddressOf } from '../auth';

export type { MessagesService, MessageToSend } from './messages.service';

declare module '../module' {
  interface Services {
    /** The in-app message centre: `send(trx, …)` inside the transaction that causes a message. */
    messages: MessagesService;
  }
}

/** The in-app message centre (消息), and the push of a message to the person's phone. */
export const messagesModule = defineModule({
  name: 'messages',
  create: ({ db, clock }) => ({ messages: createMessagesService({ db, clock }) }),
  routes: (app, { services }) => registerMessageRoutes(app, { auth: services.auth, messages: services.messages }),
  outboxHandlers: ({ services, clock, integrations }) => ({
    [MESSAGE_TOPIC]: services.messages.deliver,
    [MESSAGE_PUSH_TOPIC]: createPushDelivery({ clock, channels: integrations.push, addressOf: pushAddressOf }),
  }),
});
