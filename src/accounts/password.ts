import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../errors.ts';

export type ScryptParams = { N: number; r: number; p: number; keyLength: number };

/** N=2^15 measured at ~70 ms per hash on the 2-core dev machine: slow for guessing, fine for a login. */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 };

const SALT_BYTES = 16;
// Bounds for parameters read back from storage, so a corrupted row cannot ask for gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function deriveKey(pw: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node refuses when 128*N*r exceeds maxmem (default 32 MiB); leave double headroom.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  // NFKC so the same password typed on another keyboard/OS (composed vs decomposed é) still matches.
  const normalized = pw.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, params.keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Encodes as `scrypt$N$r$p$salt_b64$hash_b64` so parameters can be raised later without breaking old hashes. */
export async function hashPassword(pw: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(pw, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

type Decoded = { params: ScryptParams; salt: Buffer; key: Buffer };

function decode(encoded: string): Decoded {
  const parts = encoded.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  const N = Number(n);
  const params = { N, r: Number(r), p: Number(p), keyLength: 0 };
  const saltBuf = Buffer.from(salt ?? '', 'base64');
  const keyBuf = Buffer.from(key ?? '', 'base64');
  const valid =
    parts.length === 6 &&
    scheme === 'scrypt' &&
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= MAX_R &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= MAX_P &&
    saltBuf.length >= 8 &&
    keyBuf.length >= 16;
  if (!valid) throw new AppError('password_hash_invalid', 'Stored password hash is malformed', { status: 500 });
  return { params: { ...params, keyLength: keyBuf.length }, salt: saltBuf, key: keyBuf };
}

/** Throws AppError('password_hash_invalid') for a malformed stored hash: that is data corruption, not a wrong password. */
export async function verifyPassword(pw: string, encoded: string): Promise<boolean> {
  const { params, salt, key } = decode(encoded);
  const candidate = await deriveKey(pw, salt, params);
  return timingSafeEqual(candidate, key);
}

/** True when the hash was made with weaker (or merely different) parameters: rehash after a successful login. */
export function needsRehash(encoded: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
  const current = decode(encoded).params;
  return (
    current.N < params.N || current.r !== params.r || current.p !== params.p || current.keyLength !== params.keyLength
  );
}

const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;
// The few 10+ character passwords that top every breach list; a full list belongs in a later check.
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  'qwertyuiop',
  'password123',
  'password1234',
  '1q2w3e4r5t',
  'iloveyou123',
  'qwerty1234',
  'abcdefghij',
  '1111111111',
  'passwordpassword',
]);

/** Returns a message for the signup form, or null when the password is acceptable. */
export function checkPasswordPolicy(pw: string, username: string): string | null {
  const length = [...pw].length; // code points, so emoji count as one character
  if (length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters for your password.`;
  if (length > MAX_PASSWORD) return `Use at most ${MAX_PASSWORD} characters for your password.`;
  const lower = pw.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return 'Your password must not contain your username.';
  if (COMMON_PASSWORDS.has(lower)) return 'That password is too common. Choose another.';
  return null;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{2,24}$/;

// Names that would impersonate staff or collide with URLs such as /users/login.
const RESERVED_USERNAMES = new Set([
  'admin',
  'administrator',
  'moderator',
  'mod',
  'mods',
  'root',
  'system',
  'crosscheck',
  'api',
  'login',
  'logout',
  'signup',
  'register',
  'settings',
  'account',
  'users',
  'user',
  'me',
  'new',
  'edit',
  'stories',
  'comments',
  'static',
  'assets',
  'help',
  'about',
  'support',
  'security',
  'staff',
  'official',
  'null',
  'undefined',
  'anonymous',
  'deleted',
  'everyone',
  'here',
]);

/** Returns a message for the signup form, or null when the username is acceptable. */
export function checkUsername(name: string): string | null {
  if (name.length < 2 || name.length > 24) return 'Usernames are 2 to 24 characters long.';
  if (!USERNAME_PATTERN.test(name)) return 'Usernames may use only letters, digits, "_" and "-".';
  if (RESERVED_USERNAMES.has(name.toLowerCase())) return 'That username is reserved. Choose another.';
  return null;
}
