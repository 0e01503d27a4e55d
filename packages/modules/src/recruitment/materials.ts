/**
 * Materials per phase (细则第三十七条: the dossier is archived complete). A step's `ref` (document
 * hash or reference) files its material; others (思想汇报) come through addMaterial.
 */
const MATERIALS_BY_PHASE = {
  申请: ['入党申请书', '谈话记录'],
  积极分子: ['培养考察材料', '思想汇报'],
  发展对象: ['公示', '政审材料', '培训证明', '预审'],
  预备党员: ['入党志愿书', '支部大会决议', '党委审批', '宣誓记录'],
  转正: ['转正申请书', '转正考察材料', '转正决议', '转正审批'],
} as const;

export const ALL_MATERIALS: readonly string[] = Object.values(MATERIALS_BY_PHASE).flat();

/** The material a step's `ref` files. */
export const STEP_MATERIAL: { readonly [action: string]: string } = {
  apply: '入党申请书',
  talk: '谈话记录',
  startPublicity: '公示',
  politicalReview: '政审材料',
  recordTraining: '培训证明',
  preReview: '预审',
  issueForm: '入党志愿书',
  admissionVote: '支部大会决议',
  approveAdmission: '党委审批',
  takeOath: '宣誓记录',
  applyConversion: '转正申请书',
  conversionVote: '转正决议',
  approveConversion: '转正审批',
};

/** Missing materials per phase, given the materials on file. */
export function missingMaterials(onFile: { readonly [kind: string]: string }): { [phase: string]: string[] } {
  const out: { [phase: string]: string[] } = {};
  for (const [phase, kinds] of Object.entries(MATERIALS_BY_PHASE)) {
    const missing = kinds.filter((k) => onFile[k] === undefined);
    if (missing.length > 0) out[phase] = missing;
  }
  return out;
}
