import { promisify } from 'node:util';
import { deliveryConfig, signWebhook, verifyWebhookSignature } from '../../src/notifications';
import { AddressRefusedError, checkLiteralHost, guardedLookup, isPublicAddress } from '../../src/notifications/address-guard';
import { emailKind } from '../../src/notifications/kinds/email';
import { webhookKind } from '../../src/notifications/kinds/webhook';
import { DeliveryError } from '../../src/notifications/kinds';
import { errorText } from '../../src/notifications/kinds/delivery-kind';
import { afterFailure, backoffMs } from '../../src/notifications/retry-policy';

describe('deliveryConfig', () => {
  it('has the documented defaults, with e-mail off and webhooks unsigned and public-only', () => {
    expect(deliveryConfig({})).toEqual({
      allowPrivateAddresses: false, maxAttempts: 8, backoffBaseMs: 2000, backoffMaxMs: 3_600_000, webhookTimeoutMs: 10_000,
      smtpTimeoutMs: 30_000, pollIntervalMs: 1000, leaseMs: 300_000, batchSize: 10,
    });
  });

  it('reads SMTP, the secret, the private-address switch and the tunables', () => {
    const c = deliveryConfig({
      SMTP_URL: 'smtp://u:p@mail.example.com:587', MAIL_FROM: 'CRM <crm@example.com>', TESSERA_WEBHOOK_SECRET: 's3cret',
      TESSERA_WEBHOOK_ALLOW_PRIVATE: '1', TESSERA_OUTBOX_MAX_ATTEMPTS: '3', TESSERA_OUTBOX_BACKOFF_MS: '0', TESSERA_OUTBOX_POLL_MS: '50',
    });
    expect(c).toMatchObject({
      smtp: { url: 'smtp://u:p@mail.example.com:587', from: 'CRM <crm@example.com>' }, webhookSecret: 's3cret',
      allowPrivateAddresses: true, maxAttempts: 3, backoffBaseMs: 0, pollIntervalMs: 50,
    });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    [{ SMTP_URL: 'mail server at port 25' }, /SMTP_URL is not a URL/],
    [{ SMTP_URL: 'smtp://mail.example.com' }, /MAIL_FROM must be set/],
    [{ TESSERA_OUTBOX_MAX_ATTEMPTS: '0' }, /TESSERA_OUTBOX_MAX_ATTEMPTS must be a whole number of at least 1, not "0"/],
    [{ TESSERA_WEBHOOK_TIMEOUT_MS: '10s' }, /TESSERA_WEBHOOK_TIMEOUT_MS/],
    [{ TESSERA_OUTBOX_LEASE_MS: '5000' }, /TESSERA_OUTBOX_LEASE_MS must be longer/],
  ])('refuses %j at start', (env, message) => {
    expect(() => deliveryConfig(env)).toThrow(message);
  });

  it('never quotes a password from SMTP_URL in its errors', () => {
    expect(() => deliveryConfig({ SMTP_URL: 'smtp://user:hunter2@host:99999' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('retry policy', () => {
  const config = { maxAttempts: 5, backoffBaseMs: 2000, backoffMaxMs: 10_000 };

  it('doubles the wait from the base after each try, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 60].map((n) => backoffMs(n, config))).toEqual([2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('gives up on a permanent failure or when the tries are used up, and honours Retry-After within the cap', () => {
    expect(afterFailure(1, { permanent: false }, config)).toEqual({ dead: false, delayMs: 2000 });
    expect(afterFailure(1, { permanent: true }, config)).toEqual({ dead: true });
    expect(afterFailure(4, { permanent: false }, config)).toEqual({ dead: false, delayMs: 10_000 });
    expect(afterFailure(5, { permanent: false }, config)).toEqual({ dead: true });
    expect(afterFailure(1, { permanent: false, retryAfterMs: 7000 }, config)).toEqual({ dead: false, delayMs: 7000 });
    expect(afterFailure(1, { permanent: false, retryAfterMs: 3_600_000 }, config)).toEqual({ dead: false, delayMs: 10_000 });
  });
});

describe('what counts as a permanent failure', () => {
  it.each([
    [new AddressRefusedError('localhost', '127.0.0.1'), true],
    [new DeliveryError('no', { code: 'url' }), true],
    [new DeliveryError('gone', { status: 410 }), true],
    [new DeliveryError('unauthorized', { status: 401 }), true],
    [new DeliveryError('timeout', { status: 408 }), false],
    [new DeliveryError('slow down', { status: 429 }), false],
    [new DeliveryError('oops', { status: 500 }), false],
    [new DeliveryError('moved', { status: 301 }), false],
    [new DeliveryError('timed out', { code: 'timeout' }), false],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false],
  ])('webhook: %s → %s', (error, permanent) => {
    expect(webhookKind.permanent(error)).toBe(permanent);
  });

  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, permanent: true }, true],
    [{ code: 'EENVELOPE', responseCode: undefined }, true],
    [{ code: 'EMESSAGE', responseCode: 554, permanent: true }, true],
    [{ code: 'EENVELOPE', responseCode: 451, permanent: false }, false],
    [{ code: 'EAUTH', responseCode: 535, permanent: true }, false],
    [{ code: 'ESOCKET' }, false],
    [{ code: 'ECONNECTION' }, false],
    [null, false],
  ])('e-mail: %j → %s', (error, permanent) => {
    expect(emailKind.permanent(error)).toBe(permanent);
  });
});

describe('webhook signatures', () => {
  const body = '{"event":"process.action","n":1}';
  const now = 1_767_225_600_000;
  const timestamp = String(now / 1000);
  const signature = signWebhook('s3cret', timestamp, body);

  it('signs "<timestamp>.<body>" with HMAC-SHA256 and verifies it', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret: 's3cret', body, timestamp, signature, now })).toBe(true);
    expect(verifyWebhookSignature({ secret: 's3cret', body: Buffer.from(body), timestamp, signature, now: now + 299_000 })).toBe(true);
  });

  it.each([
    ['another secret', { secret: 'other' }],
    ['a changed body', { body: body.replace('1', '2') }],
    ['a changed timestamp', { timestamp: String(now / 1000 + 1) }],
    ['a stale timestamp', { now: now + 301_000 }],
    ['no signature', { signature: undefined }],
    ['a malformed timestamp', { timestamp: 'soon' }],
    ['a truncated signature', { signature: signature.slice(0, -1) }],
  ])('refuses %s', (_what, change) => {
    expect(verifyWebhookSignature({ secret: 's3cret', body, timestamp, signature, now, ...change })).toBe(false);
  });
});

describe('the address guard', () => {
  it.each([
    ['8.8.8.8', true], ['93.184.216.34', true], ['2606:4700:4700::1111', true], ['2a00:1450:4001:82a::200e', true],
    ['127.0.0.1', false], ['127.8.8.8', false], ['10.1.2.3', false], ['172.16.0.1', false], ['172.31.255.255', false],
    ['192.168.1.1', false], ['169.254.169.254', false], ['100.100.100.200', false], ['0.0.0.0', false], ['224.0.0.1', false],
    ['255.255.255.255', false], ['198.18.0.1', false], ['192.0.2.1', false],
    ['::1', false], ['::', false], ['::ffff:127.0.0.1', false], ['::ffff:8.8.8.8', false], ['64:ff9b::a9fe:a9fe', false],
    ['fc00::1', false], ['fd12:3456::1', false], ['fe80::1', false], ['ff02::1', false], ['2001:db8::1', false], ['2002:7f00:1::1', false],
    ['example.com', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('refuses private IP literals in URLs, bracketed IPv6 included, and lets names through to the lookup', () => {
    expect(() => checkLiteralHost('127.0.0.1')).toThrow(AddressRefusedError);
    expect(() => checkLiteralHost('[::1]')).toThrow(/refused to connect to ::1: not a public address/);
    expect(() => checkLiteralHost('8.8.8.8')).not.toThrow();
    expect(() => checkLiteralHost('localhost')).not.toThrow();
  });

  it('fails a lookup whose answer is private, in both lookup forms', async () => {
    const lookup = promisify(guardedLookup as (h: string, o: object, cb: (e: Error | null, a: unknown) => void) => void);
    await expect(lookup('localhost', { all: true })).rejects.toThrow(/refused to connect to localhost \((127\.0\.0\.1|::1)\)/);
    await expect(lookup('localhost', {})).rejects.toBeInstanceOf(AddressRefusedError);
  });
});

describe('errorText (what last_error keeps)', () => {
  it('keeps one bounded line, and spells out what Node aggregates or leaves without a message', () => {
    expect(errorText(new Error('line one\n  line two'))).toBe('line one line two');
    expect(errorText(new Error('x'.repeat(5000)))).toHaveLength(1000);
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    expect(errorText(new AggregateError([refused('::1:80'), refused('127.0.0.1:80')], ''))).toBe('connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80');
    expect(errorText(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
    expect(errorText('plain')).toBe('plain');
  });
});
