import { SingleBar } from 'cli-progress';
import type { Locale } from '@tessera/core';
import type { ImportProgress } from '../data/import';
import type { CommandIo } from './command';

/**
 * Shows an import's progress: a bar on a terminal, or a line for every tenth of the file when stderr is a file or a
 * pipe (a CI log), where a redrawn bar would be noise.
 */
export function importProgress(io: CommandIo, locale: Locale): { update(p: ImportProgress): void; stop(): void } {
  const zh = locale === 'zh-CN';
  const percent = (p: ImportProgress) => (p.totalBytes ? Math.floor((p.bytes / p.totalBytes) * 100) : 0);
  if (!process.stderr.isTTY) {
    let shown = -1;
    return {
      update: (p) => {
        const tenth = Math.floor(percent(p) / 10);
        if (tenth <= shown) return;
        shown = tenth;
        io.err(zh ? `${percent(p)}%：已读取 ${p.lines} 行` : `${percent(p)}%: ${p.lines} lines read`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    format: zh ? '{bar} {percentage}% | {lines} 行 | 新建 {inserted} 更新 {updated} 未变 {unchanged} 拒绝 {failed}' : '{bar} {percentage}% | {lines} lines | {inserted} new, {updated} updated, {unchanged} unchanged, {failed} refused',
    hideCursor: true, clearOnComplete: false, stream: process.stderr,
  });
  let started = false;
  return {
    update: (p) => {
      const payload = { lines: p.lines, inserted: p.inserted, updated: p.updated, unchanged: p.unchanged, failed: p.failed };
      if (started) bar.update(percent(p), payload);
      else bar.start(100, percent(p), payload);
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
