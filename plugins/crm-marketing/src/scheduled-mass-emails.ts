import type { PluginApp, ScheduleDefinition } from '@tessera/runtime';
import { listEvery } from './list-every';
import { sendMassEmail } from './mass-email';

/**
 * Every five minutes, the scheduled mass e-mails whose time has come are sent. One naming a template the app does not
 * have stays scheduled and its owner is told, once per template name, instead of failing every other send of the run.
 */
export const scheduledMassEmails = (app: PluginApp): ScheduleDefinition => ({
  label: { en: 'Scheduled mass e-mails', 'zh-CN': '定时群发邮件' },
  cron: '*/5 * * * *',
  run: async (run) => {
    for (const massEmail of await listEvery(run.records, 'massEmail', { status: 'scheduled', scheduledAt: { $lte: run.now.toISOString() } })) {
      const template = String(massEmail.templateName);
      if (app.hasTemplate(template)) {
        await sendMassEmail(app, run, massEmail);
      } else if (typeof massEmail.ownerId === 'string') {
        await run.notify({
          to: [massEmail.ownerId], template: 'mass_email_not_sent', about: { entity: 'massEmail', id: String(massEmail.id) },
          data: { templateName: template }, key: `massEmail:notSent:${String(massEmail.id)}:${template}`,
        });
      }
    }
  },
});
