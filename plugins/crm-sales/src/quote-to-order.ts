import { PluginError, type RecordActionDefinition } from '@tessera/runtime';

/**
 * Makes an order from an accepted or approved quote, in one transaction: the account, contact, opportunity and every
 * line are copied, and the order's total follows from its lines (the totals handler). A quote that already has an
 * order, or is not accepted or approved, is refused.
 */
export const quoteToOrder: RecordActionDefinition = {
  label: { en: 'Create order', 'zh-CN': '生成订单' },
  run: async ({ record: quote, records }) => {
    if (!['accepted', 'approved'].includes(String(quote.status))) {
      throw new PluginError({ en: 'Only an accepted or approved quote becomes an order', 'zh-CN': '只有已接受或已批准的报价单可以生成订单' }, '/status');
    }
    if ((await records.list('order', { quote: quote.id }, { limit: 1 })).length) throw new PluginError({ en: 'The quote has an order already', 'zh-CN': '该报价单已生成订单' });
    const copy = (...fields: string[]) => Object.fromEntries(fields.filter((f) => quote[f] !== null && quote[f] !== undefined).map((f) => [f, quote[f]]));
    const order = await records.create('order', { ...copy('account', 'contact', 'opportunity'), quote: quote.id, orderDate: new Date().toISOString().slice(0, 10) });
    for (const line of await records.list('quoteLine', { quote: quote.id }, { sort: 'lineNumber' })) {
      const fields = ['lineNumber', 'product', 'description', 'quantity', 'unitPrice', 'discount'].filter((f) => line[f] !== null && line[f] !== undefined);
      await records.create('orderLine', { order: order.id, ...Object.fromEntries(fields.map((f) => [f, line[f]])) });
    }
    return { order: order.id };
  },
};
