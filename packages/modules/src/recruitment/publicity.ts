/**
 * The 公示 of recruitment as disclosure items (党务公开): the publicity before naming a 发展对象 and
 * the publicity of a conversion are public to residents (向社会公开) from the day the step is
 * recorded through the last working day of its period; the step's `ref`, when it is a registered
 * public attachment, is their content.
 */
import type { ActionContext } from '@djchain/runtime';
import { type Announcement, type AutomaticKind, fittingContent } from '../disclosure/outbox.ts';
import { M, processOrg } from './process.ts';
import type { Process, StepRecord } from './store.ts';

export function publicityItem(kind: AutomaticKind, action: string) {
  return (ctx: ActionContext, proc: Process, record: StepRecord): Omit<Announcement, 'tx'> => {
    const org = processOrg(ctx, proc);
    const ref = record.data.ref;
    return {
      kind,
      org,
      scope: 'public',
      from: record.on,
      until: record.data.ends as string,
      content: fittingContent(ctx, M, typeof ref === 'string' ? ref : null, 'public', org),
      action,
    };
  };
}
