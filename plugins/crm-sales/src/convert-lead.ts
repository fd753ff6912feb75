import { PluginError, type ActionCall, type RecordActionDefinition } from '@tessera/runtime';

type Row = Record<string, unknown>;

/** What a conversion takes: the account to use (or a name for a new one), and whether to open an opportunity. */
interface ConvertBody {
  readonly account?: string;
  readonly accountName?: string;
  readonly opportunity?: boolean;
  readonly opportunityName?: string;
  readonly closeDate?: string;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The account a lead converts into: the one named, one with the company's name, or a new one. */
async function accountFor(call: ActionCall, lead: Row, body: ConvertBody): Promise<string> {
  if (body.account) return (await call.records.get('account', body.account)).id as string;
  const name = (body.accountName ?? lead.companyName ?? lead.name) as string;
  const [same] = await call.records.list('account', { name }, { limit: 1 });
  if (same) return same.id as string;
  return (await call.records.create('account', { name, ...(lead.phone ? { phone: lead.phone } : {}), ...(lead.industry ? { industry: lead.industry } : {}) })).id as string;
}

/**
 * Converts a lead, in one transaction, into an account (found or new), a contact and optionally an opportunity at the
 * first active sales stage, all created as the caller (their roles apply), then marks the lead converted. A converted
 * lead, or one whose conversion approval was rejected, is refused.
 */
export const convertLead: RecordActionDefinition = {
  label: { en: 'Convert', 'zh-CN': '转换' },
  run: async (call) => {
    const lead = call.record;
    const body = (call.body ?? {}) as ConvertBody;
    if (lead.converted) throw new PluginError({ en: 'The lead is converted already', 'zh-CN': '该线索已转换' });
    if (lead.conversionApproval === 'rejected') throw new PluginError({ en: 'The conversion was rejected in approval', 'zh-CN': '该线索的转换审批未通过' });
    const account = await accountFor(call, lead, body);
    const reach = Object.fromEntries(['mobile', 'phone', 'email', 'title', 'wechat'].filter((f) => lead[f]).map((f) => [f, lead[f]]));
    const contact = (await call.records.create('contact', { name: lead.name, account, ...reach })).id as string;
    let opportunity: string | undefined;
    if (body.opportunity !== false) {
      const [stage] = await call.system.list('salesStage', { active: true, isWon: { $ne: true }, isLost: { $ne: true } }, { sort: 'sortOrder', limit: 1 });
      if (!stage) throw new PluginError({ en: 'No active sales stage to open the opportunity at', 'zh-CN': '没有可用的销售阶段，无法创建商机' });
      opportunity = (await call.records.create('opportunity', {
        name: body.opportunityName ?? `${String(lead.companyName ?? lead.name)}`, account, contact, stage: stage.id, probability: stage.probability ?? null,
        closeDate: body.closeDate ?? inDays(30), sourceLead: lead.id, ...(lead.estimatedBudget ? { amount: lead.estimatedBudget } : {}),
      })).id as string;
    }
    await call.system.update('lead', lead.id as string, {
      converted: true, convertedAt: new Date().toISOString(), status: 'converted', convertedAccount: account, convertedContact: contact,
      ...(opportunity ? { convertedOpportunity: opportunity } : {}),
    });
    return { account, contact, ...(opportunity ? { opportunity } : {}) };
  },
};
