import type { TemplateModel } from '@tessera/core';

// The templates the process engine sends when the app ships none of the name (an app's templates/<name>.hbs and
// <name>.zh-CN.hbs replace them). The first line is the subject. Data: record {title, entity (an i18n label)},
// process {label}, task {id, dueAt?}, submitter {name}?, link?, status, comment?; recipient {name} is always there.
// An inline partial (the status in words) sits at the end: handlebars defines it before rendering, and the first line
// must stay the subject.

const TASK_ASSIGNED_EN = `{{t process.label}}: a task for you on {{record.title}}
{{#if submitter.name}}{{submitter.name}} started {{t process.label}} on {{t record.entity}} "{{record.title}}".{{else}}{{t process.label}} is running on {{t record.entity}} "{{record.title}}".{{/if}}
It is waiting for your decision{{#if task.dueAt}} by {{date task.dueAt}}{{/if}}.
{{#if link}}

Open the task: {{link}}
{{/if}}
`;

const TASK_ASSIGNED_ZH = `{{t process.label}}：{{record.title}} 待您处理
{{#if submitter.name}}{{submitter.name}} 对{{t record.entity}}「{{record.title}}」发起了{{t process.label}}。{{else}}{{t record.entity}}「{{record.title}}」正在进行{{t process.label}}。{{/if}}
请{{#if task.dueAt}}在 {{date task.dueAt}} 前{{/if}}处理。
{{#if link}}

打开任务：{{link}}
{{/if}}
`;

const TASK_REMINDER_EN = `Reminder: {{t process.label}} on {{record.title}} is waiting for you
The task on {{t record.entity}} "{{record.title}}" is still waiting for your decision{{#if task.dueAt}} (due {{date task.dueAt}}){{/if}}.
{{#if link}}

Open the task: {{link}}
{{/if}}
`;

const TASK_REMINDER_ZH = `提醒：{{t process.label}}：{{record.title}} 仍待您处理
{{t record.entity}}「{{record.title}}」的任务仍在等待您处理{{#if task.dueAt}}（截止 {{date task.dueAt}}）{{/if}}。
{{#if link}}

打开任务：{{link}}
{{/if}}
`;

const PROCESS_FINISHED_EN = `{{t process.label}} {{> statusText}}: {{record.title}}
{{t process.label}} on {{t record.entity}} "{{record.title}}" has ended: {{> statusText}}.
{{#if comment}}

Comment: {{comment}}
{{/if}}
{{#if link}}

Open: {{link}}
{{/if}}
{{#*inline "statusText"}}{{#if (eq status "approved")}}approved{{else if (eq status "rejected")}}rejected{{else if (eq status "completed")}}completed{{else if (eq status "cancelled")}}cancelled{{else if (eq status "recalled")}}recalled{{else if (eq status "returned")}}returned to you{{else if (eq status "failed")}}failed{{else}}{{status}}{{/if}}{{/inline}}
`;

const PROCESS_FINISHED_ZH = `{{t process.label}}{{> statusText}}：{{record.title}}
{{t record.entity}}「{{record.title}}」的{{t process.label}}已结束：{{> statusText}}。
{{#if comment}}

意见：{{comment}}
{{/if}}
{{#if link}}

打开：{{link}}
{{/if}}
{{#*inline "statusText"}}{{#if (eq status "approved")}}已通过{{else if (eq status "rejected")}}已驳回{{else if (eq status "completed")}}已完成{{else if (eq status "cancelled")}}已取消{{else if (eq status "recalled")}}已撤回{{else if (eq status "returned")}}已退回给您{{else if (eq status "failed")}}失败{{else}}{{status}}{{/if}}{{/inline}}
`;

const builtin = (name: string, en: string, zh: string): TemplateModel => ({ name, file: `(built-in)/${name}.hbs`, sources: { default: en, 'zh-CN': zh } });

/** The built-in templates, by name, in English (the default) and Simplified Chinese. */
export const BUILTIN_TEMPLATES: Readonly<Record<string, TemplateModel>> = Object.freeze({
  task_assigned: builtin('task_assigned', TASK_ASSIGNED_EN, TASK_ASSIGNED_ZH),
  task_reminder: builtin('task_reminder', TASK_REMINDER_EN, TASK_REMINDER_ZH),
  process_finished: builtin('process_finished', PROCESS_FINISHED_EN, PROCESS_FINISHED_ZH),
});
