import { Point, etc } from '@noble/ed25519';

/**
 * Strict RFC 8032 Ed25519 verification of a signature over the UTF-8 bytes of a string: what
 * `ed25519.verifyAsync(signature, utf8(text), publicKey, { zip215: false })` answers, step for step
 * (the spec compares the two), with the message held in memory once.
 *
 * `verifyAsync` copies a snapshot's 20 MB twice on its way to SHA-512 (R ‖ A ‖ message, then the
 * digest's own copy); together with the encoded text that makes 60 MB of buffers, enough for V8 to
 * run a full garbage collection over everything the extension holds. Here the text is encoded
 * straight after R ‖ A and that one buffer is hashed.
 */
export async function verifyEd25519(
  signature: Uint8Array,
  text: string,
  publicKey: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const r = signature.subarray(0, 32);
  let A: Point;
  let R: Point;
  let SB: Point;
  try {
    // Strict decoding (y < p, no x = 0 with the sign bit set); then 0 ≤ S < L, checked by multiply.
    A = Point.fromBytes(publicKey, false);
    R = Point.fromBytes(r, false);
    SB = Point.BASE.multiply(numberLE(signature.subarray(32, 64)), false);
  } catch {
    return false;
  }
  // Strict mode refuses small-order public keys, as noble and libsodium do.
  if (A.isSmallOrder()) return false;
  const digest = await crypto.subtle.digest('SHA-512', prefixedUtf8(r, publicKey, text));
  const k = etc.mod(numberLE(new Uint8Array(digest)), Point.CURVE().n);
  // [8]R + [8][k]A = [8][S]B
  return R.add(A.multiply(k, false)).subtract(SB).clearCofactor().is0();
}

/** R ‖ A ‖ UTF-8(text) in one buffer, sized for mostly ASCII text and redone once if too short. */
function prefixedUtf8(r: Uint8Array, publicKey: Uint8Array, text: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(64 + text.length + (text.length >> 3) + 16);
  let { read, written } = encoder.encodeInto(text, buffer.subarray(64));
  if (read !== text.length) {
    const bytes = encoder.encode(text);
    buffer = new Uint8Array(64 + bytes.length);
    buffer.set(bytes, 64);
    read = text.length;
    written = bytes.length;
  }
  buffer.set(r, 0);
  buffer.set(publicKey, 32);
  return buffer.subarray(0, 64 + written);
}

/** A little-endian unsigned integer. */
function numberLE(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}
