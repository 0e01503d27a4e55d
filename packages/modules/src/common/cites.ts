/** Documents cited by the rules, as they are written in citations (《…》第N条). */
export const DOC = {
  constitution: '《中国共产党章程》',
  recruitment2014: '《中国共产党发展党员工作细则》',
  recruitment2026: '《中国共产党发展党员工作细则》（2026年修订）',
  discipline: '《中国共产党纪律处分条例》',
  education: '《中国共产党党员教育管理工作条例》',
  branch: '《中国共产党支部工作条例（试行）》',
  dues: '《关于中国共产党党费收缴、使用和管理的规定》',
  disclosure: '《中国共产党党务公开条例（试行）》',
  majorMatters: '《中国共产党重大事项请示报告条例》',
  /**
   * The consortium's own charter: the genesis document every organization's node starts from
   * (validators, the approval body of node admission). Its sections are cited by name.
   */
  charter: '《党建链联盟章程（创世文件）》',
} as const;

/** A section of the consortium charter, e.g. charterRule('节点准入'). */
export function charterRule(section: string): string {
  return `${DOC.charter}${section}`;
}

const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals as used in article numbers (十三, 二十一, 三十七). */
function zhNumber(n: number): string {
  if (n < 10) return digits[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${digits[ones]}`;
}

/** A citation: document + article, e.g. cite(DOC.recruitment2014, 13) = 《…》第十三条. */
export function cite(doc: string, article: number): string {
  return `${doc}第${zhNumber(article)}条`;
}
