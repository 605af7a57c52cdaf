import { describe, expect, it } from 'vitest';
import {
  SCRYPT_PARAMS,
  checkPasswordPolicy,
  checkUsername,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../src/accounts/password.ts';
import { AppError } from '../../src/errors.ts';

// Cheap parameters keep most tests fast; one test exercises the production cost.
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

describe('hashPassword / verifyPassword', () => {
  it('when hashing with default parameters, then the encoding names them and the password verifies', async () => {
    const encoded = await hashPassword('correct horse battery');
    const [scheme, n, r, p, salt, key] = encoded.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_PARAMS.N, 8, 1]);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(await verifyPassword('correct horse battery', encoded)).toBe(true);
  });

  it('when the password is wrong, then verification fails', async () => {
    const encoded = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse batterY', encoded)).toBe(false);
  });

  it('when the same password is hashed twice, then the salts differ', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!', FAST), hashPassword('same password!', FAST)]);
    expect(a).not.toBe(b);
  });

  it('when the password differs only in Unicode composition, then it still verifies', async () => {
    const encoded = await hashPassword('caf\u00e9 au lait!', FAST);
    expect(await verifyPassword('cafe\u0301 au lait!', encoded)).toBe(true);
  });

  it('when the stored hash is malformed, then verification throws an AppError', async () => {
    for (const bad of [
      '',
      'bcrypt$x',
      'scrypt$1000$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5',
      'scrypt$1073741824$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5',
    ]) {
      await expect(verifyPassword('x', bad)).rejects.toBeInstanceOf(AppError);
    }
  });

  it('when a hash used weaker parameters, then it needs a rehash; a current one does not', async () => {
    expect(needsRehash(await hashPassword('some password', FAST))).toBe(true);
    const current = await hashPassword('some password', FAST);
    expect(needsRehash(current, FAST)).toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  it('when the password is acceptable, then there is no message', () => {
    expect(checkPasswordPolicy('a long enough secret', 'alice')).toBeNull();
  });

  it('when the password is too short or too long, then a message says the limit', () => {
    expect(checkPasswordPolicy('short', 'alice')).toMatch(/at least 10/);
    expect(checkPasswordPolicy('x'.repeat(201), 'alice')).toMatch(/at most 200/);
  });

  it('when the password contains the username in any case, then it is refused', () => {
    expect(checkPasswordPolicy('my-ALICE-password', 'alice')).toMatch(/username/);
    expect(checkPasswordPolicy('alice', 'alice')).not.toBeNull();
  });

  it('when the password is a notorious one, then it is refused', () => {
    expect(checkPasswordPolicy('Password123', 'bob')).toMatch(/too common/);
  });
});

describe('checkUsername', () => {
  it('when the name is 2–24 letters, digits, _ or -, then it is accepted', () => {
    for (const ok of ['al', 'bob_smith', 'x-y-z', 'A'.repeat(24)]) expect(checkUsername(ok)).toBeNull();
  });

  it('when the name has bad length or characters, then a message explains', () => {
    for (const bad of ['a', 'A'.repeat(25), 'bob smith', 'bob.smith', 'bøb', '<script>']) {
      expect(checkUsername(bad)).not.toBeNull();
    }
  });

  it('when the name is reserved in any case, then it is refused', () => {
    for (const bad of ['admin', 'Moderator', 'ROOT', 'crosscheck', 'signup']) {
      expect(checkUsername(bad)).toMatch(/reserved/);
    }
  });
});
