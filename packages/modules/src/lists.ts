/**
 * The modules' fixed lists that the web app shows too: kinds, statuses, choices and a domain tag. Data
 * only and without imports, so the browser bundle takes them from here (`@djchain/modules/lists`, the
 * one path of the modules the web layer may import: scripts/check-layers.ts) instead of keeping copies;
 * the modules import them from here and export them as before.
 */

/** The service centre's menu kinds (issue 17). */
export const SERVICE_KINDS = [
  '助老助餐',
  '法律咨询',
  '开具证明',
  '上门维修',
  '政策解读',
  '医疗健康',
  '文体活动',
  '就业帮扶',
  '环境整治',
  '微心愿',
  '其他',
] as const;

/** Who offers a menu item: the centre itself, a grid, a volunteer team, a 双报到 unit. */
export const PROVIDER_KINDS = ['centre', 'grid', 'team', 'unit'] as const;

/** A service order's statuses, in the order of its steps. */
export const ORDER_STATUSES = [
  'ordered',
  'dispatched',
  'accepted',
  'done',
  'confirmed',
  'cancelled',
  'failed',
] as const;

/** The warning centre's kinds (common/warnings.ts describes each one's details). */
export const WARNING_KINDS = [
  'recruitment.deadline',
  'dues.arrears',
  'dues.lapse',
  'orglife.missed',
  'orglife.lapse',
  'org.term',
  'transfer.unanswered',
  'discipline.observation',
  'anchor.missing',
  'declaration.answer',
  'declaration.review',
  'study.pace',
] as const;

/** dueSoon: a deadline approaches; overdue: it passed or an obligation was missed; serious: a case opened. */
export const WARNING_LEVELS = ['dueSoon', 'overdue', 'serious'] as const;

/** The kinds of organizational life (orglife/rules.ts: how often each is due, and by whom). */
export const MEETING_KINDS = [
  '支部党员大会',
  '支部委员会',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议党员',
  '谈心谈话',
] as const;

/** A 四议两公开 matter's statuses. */
export const MATTER_STATUSES = [
  'proposed',
  'deliberated',
  'reviewed',
  'voting',
  'resolved',
  'published',
  'done',
  'rejected',
] as const;

/** A vote's choices on a matter. */
export const VOTE_CHOICES = ['赞成', '反对', '弃权'] as const;

/** The domain tag of a resident's in-person check commitment (resident/commitment.ts). */
export const RESIDENT_CHECK_TAG = 'djchain/resident-check/v1';

/** The steps of a personal declaration (重大事项申报), in order. */
export const PERSONAL_STEPS = ['filed', 'received', 'verified', 'queried', 'closed'] as const;

/** A member's statuses, in the order of the membership's course (member/status.ts). */
export const MEMBER_STATUSES = [
  '群众',
  '入党申请人',
  '入党积极分子',
  '发展对象',
  '预备党员',
  '正式党员',
  '停止党籍',
  '出党',
] as const;

/** The phases of a recruitment process, in order (recruitment/store.ts). */
export const RECRUITMENT_PHASES = [
  'applicant',
  'activist',
  'candidate',
  'probationary',
  'full',
  'cancelled',
  'notApproved',
] as const;

/** The largest attachment the chain records (a node may accept less: its `attachments.maxBytes`). */
export const ATTACHMENT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Media types an attachment may have: documents, photos, slides and sheets of organizational life.
 * A closed list (no free text on chain); anything else is `application/octet-stream`.
 */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/octet-stream',
] as const;
