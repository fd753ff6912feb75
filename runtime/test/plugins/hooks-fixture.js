// A plugin's code as a test loads it: quote totals kept from their lines, and a lead's conversion as a record action.
/* eslint-disable */
class Refusal extends Error {}
exports.register = (api) => {
  api.onWrite('quoteLine', async ({ before, after, records }) => {
    const quote = (after ?? before).quote;
    const lines = await records.list('quoteLine', { quote });
    const total = lines.reduce((sum, l) => sum + (l.quantity ?? 0) * (l.unitPrice ?? 0), 0);
    await records.update('quote', quote, { total });
  });
  api.recordAction('lead', 'convert', {
    label: { en: 'Convert', 'zh-CN': '转换' },
    run: async ({ record, body, records, system }) => {
      if (record.converted) throw new (require(process.env.PLUGIN_API_PATH).PluginError)({ en: 'The lead is converted already', 'zh-CN': '线索已转换' });
      const account = await records.create('account', { name: body.accountName ?? record.company });
      await system.update('lead', record.id, { converted: true, account: account.id });
      return { account: account.id };
    },
  });
};
