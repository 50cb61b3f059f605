/**
 * A fresh `Idempotency-Key` for one attempt at a write that moves money (an order, a top-up).
 * The same attempt sent again (a retry after a timeout) carries the same key, so the server
 * answers with the first result instead of charging twice. Not a secret: uniqueness is enough,
 * and mini-program engines have no `crypto.randomUUID`.
 */
export function newIdempotencyKey(): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `app-${Date.now().toString(36)}-${random()}${random()}`;
}
