// Ids the client makes for what it may have to send more than once: photos and outbox writes.
// Not crypto.randomUUID: browsers offer it only to secure contexts, and a county intranet portal is
// often plain http. getRandomValues is there in every context.

/** A random (version 4) UUID. */
export function clientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
