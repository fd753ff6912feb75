import type { Locale } from '@tessera/core';
import { blockedSteps, destructiveSteps, type MigrationPlan } from './plan';
import type { Step } from './step';

const WORDS = {
  en: {
    summary: (p: MigrationPlan, n: number, destructive: number, blocked: number) =>
      `Migration plan for ${p.app}: ${n} step${n === 1 ? '' : 's'} (${n - destructive} safe, ${destructive} destructive, ${blocked} blocked)`,
    hashes: (p: MigrationPlan) => `model ${short(p.hash)}, applied ${p.appliedHash ? short(p.appliedHash) : 'never'}`,
    nothing: (p: MigrationPlan) => `Nothing to migrate: the database matches ${p.app} (model ${short(p.hash)}).`,
    safety: { safe: 'safe', destructive: 'destructive' },
    blocked: 'BLOCKED',
    samples: 'e.g. ids',
    archived: 'the data is archived first and can be restored',
    bindings: 'with',
  },
  'zh-CN': {
    summary: (p: MigrationPlan, n: number, destructive: number, blocked: number) =>
      `${p.app} 的迁移计划：共 ${n} 步（安全 ${n - destructive} 步，破坏性 ${destructive} 步，受阻 ${blocked} 步）`,
    hashes: (p: MigrationPlan) => `模型 ${short(p.hash)}，已应用 ${p.appliedHash ? short(p.appliedHash) : '无'}`,
    nothing: (p: MigrationPlan) => `无需迁移：数据库与 ${p.app} 一致（模型 ${short(p.hash)}）。`,
    safety: { safe: '安全', destructive: '破坏性' },
    blocked: '受阻',
    samples: '示例 id',
    archived: '数据会先归档，可以恢复',
    bindings: '参数',
  },
} as const;

const short = (hash: string) => hash.slice(0, 12);

/** A plan as readable text in a language: a summary line, then each step with its SQL, impact and any blocking reason. */
export function formatPlan(plan: MigrationPlan, locale: Locale = 'en'): string {
  const w = WORDS[locale];
  if (!plan.steps.length) return w.nothing(plan);
  const lines = [
    w.summary(plan, plan.steps.length, destructiveSteps(plan).length, blockedSteps(plan).length),
    w.hashes(plan),
    '',
  ];
  plan.steps.forEach((step, i) => lines.push(...formatStep(step, i + 1, locale)));
  return lines.join('\n');
}

function formatStep(step: Step, n: number, locale: Locale): string[] {
  const w = WORDS[locale];
  const indent = ' '.repeat(String(n).length + 4);
  const lines = [`  ${n}. [${w.safety[step.safety]}${step.blocked ? `, ${w.blocked}` : ''}] ${step.description[locale]}`];
  if (step.blocked) {
    const samples = step.impact.samples?.length ? ` (${w.samples} ${step.impact.samples.join(', ')})` : '';
    lines.push(`${indent}${w.blocked}: ${step.blocked[locale]}${samples}`);
  }
  if (step.archive) lines.push(`${indent}${w.archived}`);
  for (const statement of step.sql) {
    lines.push(`${indent}${statement.sql};${statement.bindings.length ? `  -- ${w.bindings} ${JSON.stringify(statement.bindings)}` : ''}`);
  }
  return lines;
}
