/** Texts of the demo's seeding banner (first `npm start`): zh-CN first, the same keys in English. */
export const zh = {
  seedingBanner: '正在生成演示数据… {done}/{total}',
  seedingHint: '演示链的历史仍在后台写入：页面上的数据尚不完整，写入完成前不能提交交易。',
  seedingDone: '演示数据已生成完毕。',
  seedingReload: '刷新页面',
};

export const en: typeof zh = {
  seedingBanner: 'Generating the demo data… {done}/{total}',
  seedingHint:
    'The demo chain’s history is still being written in the background: the data shown is incomplete, and transactions are refused until it is done.',
  seedingDone: 'The demo data is complete.',
  seedingReload: 'Reload the page',
};
