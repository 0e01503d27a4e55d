/** Documents cited by the rules, as they are written in citations (《…》第N条). */
export const DOC = {
  constitution: '《中国共产党章程》',
  recruitment2014: '《中国共产党发展党员工作细则》',
  recruitment2026: '《中国共产党发展党员工作细则》（2026年修订）',
  discipline: '《中国共产党纪律处分条例》',
  education: '《中国共产党党员教育管理工作条例》',
  branch: '《中国共产党支部工作条例（试行）》',
} as const;

const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals as used in article numbers (十三, 二十一, 三十七). */
export function zhNumber(n: number): string {
  if (n < 10) return digits[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${digits[ones]}`;
}

/** A citation: document + article, e.g. cite(DOC.recruitment2014, 13) = 《…》第十三条. */
export function cite(doc: string, article: number): string {
  return `${doc}第${zhNumber(article)}条`;
}
