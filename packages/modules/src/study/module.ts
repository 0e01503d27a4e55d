/**
 * The study module (学习): 学时 from attended 党课 and 主题党日 (orglife records) and individual study
 * the branch confirms, against yearly targets of a versioned rule set (《党员教育管理工作条例》第二十条).
 */
import type { ModuleDef } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { confirm, report } from './actions.ts';
import { studyQueries } from './queries.ts';

export const studyModule: ModuleDef = {
  name: MODULE.study,
  actions: { report, confirm },
  queries: studyQueries,
};
