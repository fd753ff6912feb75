import { enqueueWebhook, renderText } from '../../notifications';
import type { ActionExecutor } from '../action-executor';
import { ProcessFailure } from '../failure';
import { noticeData } from '../task-notices';

/**
 * Queues a signed POST (or PUT) of the record and the instance to a URL, delivered after commit with retries. A
 * template, when named, renders the body; it must render JSON ({{json record.name}} writes a value as a JSON literal).
 */
export const webhookExecutor: ActionExecutor<'webhook'> = {
  action: 'webhook',
  writesRecords: false,
  run: async (px, node, arrival) => {
    const data = { event: 'process.action', node: node.id, ...(await noticeData(px)) };
    let body: unknown = data;
    if (node.template) {
      const text = renderText(px.engine.app, node.template, px.engine.app.defaultLocale, data);
      try {
        body = JSON.parse(text);
      } catch {
        throw new ProcessFailure(`action "${node.id}": template "${node.template}" did not render JSON`);
      }
    }
    await enqueueWebhook(px.trx, { url: node.url, ...(node.method ? { method: node.method } : {}), body, key: `node:${px.instance.id}:${node.id}:${arrival.tokenId}` });
  },
  configWarning: (delivery) => (delivery.webhookSecret ? undefined
    : 'TESSERA_WEBHOOK_SECRET is not set: the webhooks this app\'s processes call go dead until it is (they are only sent signed)'),
};
