import http from 'node:http';
import https from 'node:https';
import { AddressRefusedError, checkLiteralHost, guardedLookup } from '../address-guard';
import type { DeliveryConfig } from '../config';
import { signWebhook } from '../webhook-signature';
import { DeliveryError, type Delivery, type DeliveryKind, type WebhookPayload } from './delivery-kind';

const TRANSIENT_4XX = new Set([408, 429]);
const SNIPPET = 200;

/** The URL to call, if it is one: only http and https, without which the row can never be delivered. */
function targetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DeliveryError('the webhook URL is not a URL', { code: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DeliveryError(`webhook URLs must be http or https, not ${url.protocol}`, { code: 'url' });
  return url;
}

/** Retry-After in ms: a number of seconds or an HTTP date. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** The failure an answer other than 2xx is, quoting the start of its body (what receivers explain themselves with). */
function answerFailure(res: http.IncomingMessage, body: string): DeliveryError {
  const status = res.statusCode ?? 0;
  const why = status >= 300 && status < 400 ? `; redirects are not followed${res.headers.location ? ` (Location: ${res.headers.location})` : ''}` : '';
  const quoted = body.trim() ? `: ${body.trim().slice(0, SNIPPET)}` : '';
  const after = retryAfterMs(res.headers['retry-after'] as string | undefined);
  return new DeliveryError(`the receiver answered ${status}${why}${quoted}`, { status, ...(after === undefined ? {} : { retryAfterMs: after }) });
}

/** Calls the URL once; resolves on a 2xx answer, rejects with why not (time-limited as a whole: DNS, connect, answer). */
async function call(config: DeliveryConfig, delivery: Delivery<WebhookPayload>): Promise<void> {
  const url = targetUrl(delivery.payload.url);
  // A receiver has no way to tell an unsigned call from a forged one: none goes out until there is a key.
  if (!config.webhookSecret) throw new DeliveryError('TESSERA_WEBHOOK_SECRET is not set: webhooks are only sent signed', { code: 'unsigned' });
  if (!config.allowPrivateAddresses) checkLiteralHost(url.hostname);
  const body = JSON.stringify(delivery.payload.body ?? null);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'User-Agent': 'Tessera-Webhook/1',
    'X-Tessera-Delivery': delivery.id,
    'X-Tessera-Timestamp': timestamp,
    'X-Tessera-Signature': signWebhook(config.webhookSecret, timestamp, body),
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    // agent: false, so no pooled socket outlives the call (or slips past the address check of a later one).
    const req = client.request(url, {
      method: delivery.payload.method, headers, agent: false, ...(config.allowPrivateAddresses ? {} : { lookup: guardedLookup }),
    }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        res.resume();
        settle();
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < SNIPPET) text += chunk;
      });
      res.on('end', () => settle(answerFailure(res, text)));
      res.on('error', () => settle(answerFailure(res, text)));
    });
    // The deadline also ends a 2xx answer whose body never finishes, so that no socket is left open.
    const timer = setTimeout(() => {
      settle(new DeliveryError(`no answer within ${config.webhookTimeoutMs} ms`, { code: 'timeout' }));
      req.destroy();
    }, config.webhookTimeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', settle);
    req.end(body);
  });
}

/** Webhooks: a signed JSON call (none without a key) over http(s), to public addresses only unless allowed; 4xx answers (but 408, 429) are final. */
export const webhookKind: DeliveryKind<'webhook'> = {
  kind: 'webhook',
  enabled: () => true,
  open: (config) => ({
    send: (delivery) => call(config, delivery),
    close: async () => {},
  }),
  permanent: (error) => {
    if (error instanceof AddressRefusedError) return true;
    if (!(error instanceof DeliveryError)) return false;
    const { code, status } = error.details;
    return code === 'url' || code === 'unsigned' || (status !== undefined && status >= 400 && status < 500 && !TRANSIENT_4XX.has(status));
  },
  redact: (payload) => {
    try {
      const url = new URL(payload.url);
      if (url.password) url.password = '***';
      return { ...payload, url: url.toString() };
    } catch {
      return payload;
    }
  },
};
