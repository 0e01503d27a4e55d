/**
 * Error registry of the service module. No national article governs a community's service menu,
 * its deadlines or 双报到 bookkeeping: refusals cite the community's own service rules, which this
 * chain holds as configuration (the genesis section `service` and the centre's recorded menu), and
 * the resident-account rules where an account is concerned.
 */

import { charterRule } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

/** The community's own service rules, as configured on this chain. */
export const SERVICE_RULES = '《社区党群服务中心服务规则》（本链配置：创世参数 service 及服务菜单）';
export const RESIDENT_RULES = charterRule('居民账户');

export const ServiceErrors = {
  ...baseErrors('SERVICE'),
  EXISTS: { code: 'SERVICE_EXISTS', en: 'A record with this id exists.', zh: '该编号的记录已存在。' },
  NOT_COMMUNITY: {
    code: 'SERVICE_NOT_COMMUNITY',
    en: 'The service centre belongs to the community organization: the top 党委 (or organization) of this chain.',
    zh: '党群服务中心属于社区党组织（本链的最高一级党组织）。',
    cite: SERVICE_RULES,
  },
  NO_ACCOUNT: {
    code: 'SERVICE_NO_ACCOUNT',
    en: 'An account named is neither a member of this chain nor a bound resident (write member:<id> or resident:<id>).',
    zh: '所填账户既不是本链党员，也不是已绑定的居民（格式为 member:编号 或 resident:编号）。',
    cite: RESIDENT_RULES,
  },
  NOT_BOUND: {
    code: 'SERVICE_NOT_BOUND',
    en: 'The resident account is not bound (unbound, or no such resident).',
    zh: '该居民账户未绑定（已解绑或不存在）。',
    cite: RESIDENT_RULES,
  },
  NO_BRANCH: {
    code: 'SERVICE_NO_BRANCH',
    en: 'The covering organization is not an organization below the community.',
    zh: '包片党组织不是本社区下属的党组织。',
    cite: SERVICE_RULES,
  },
  ITEM_CLOSED: {
    code: 'SERVICE_ITEM_CLOSED',
    en: 'The menu item is not open for orders.',
    zh: '该服务项目暂停接单。',
    cite: SERVICE_RULES,
  },
  FULL: {
    code: 'SERVICE_FULL',
    en: 'The menu item has as many open orders as its capacity; order again when one is done.',
    zh: '该服务项目的在办订单已满，请待其他订单办结后再下单。',
    cite: SERVICE_RULES,
  },
  GROUP_ONLY: {
    code: 'SERVICE_GROUP_ONLY',
    en: 'The item is for a group the centre checks in person: the centre orders it on the resident’s behalf.',
    zh: '该项目仅面向特定群体，须由服务中心核实后代为下单。',
    cite: SERVICE_RULES,
  },
  ONE_OF: {
    code: 'SERVICE_ONE_OF',
    en: 'An order is either a menu item or a need (微心愿) in the resident’s own words, not both.',
    zh: '订单须为菜单中的一项服务或一条微心愿，二者选一。',
  },
  FOR_RESIDENT: {
    code: 'SERVICE_FOR_RESIDENT',
    en: 'A resident orders for themself; a clerk orders only for a named bound resident (marked as ordered on their behalf).',
    zh: '居民本人下单时不填代办对象；党务工作者代为下单须写明已绑定的居民（标明代办）。',
    cite: SERVICE_RULES,
  },
  NOT_YOURS: {
    code: 'SERVICE_NOT_YOURS',
    en: 'Only the resident who ordered (or the clerk who ordered on their behalf) may do this.',
    zh: '只有下单的居民本人（或代为下单的党务工作者）可以办理此事。',
    cite: SERVICE_RULES,
  },
  NOT_PROVIDER: {
    code: 'SERVICE_NOT_PROVIDER',
    en: 'Only the provider the order was dispatched to may do this.',
    zh: '只有接受派单的服务提供者可以办理此事。',
    cite: SERVICE_RULES,
  },
  WRONG_PROVIDER: {
    code: 'SERVICE_WRONG_PROVIDER',
    en: 'The provider does not serve this item (a grid’s item goes to its leader or members, a unit’s to its registered accounts) or is the resident the order is for.',
    zh: '该服务提供者不承担此项目（网格项目须派给本网格长或网格员，双报到单位项目须派给其报到人员），或者是订单所服务的居民本人。',
    cite: SERVICE_RULES,
  },
  WRONG_STEP: {
    code: 'SERVICE_WRONG_STEP',
    en: 'The order is not at this step: ordered → dispatched → accepted → done → confirmed; cancelled and failed orders are closed.',
    zh: '订单不处于此环节：依次为下单、派单、接单、办结、评价；已取消或未办成的订单已结束。',
    cite: SERVICE_RULES,
  },
  TOO_LONG: {
    code: 'SERVICE_TOO_LONG',
    en: 'The minutes counted for one service exceed the community’s maximum.',
    zh: '单次服务计入的时长超过本社区规定的上限。',
    cite: SERVICE_RULES,
  },
  REGISTERED: {
    code: 'SERVICE_REGISTERED',
    en: 'An account serves under one active 双报到 registration at a time.',
    zh: '一个账户同一时间只能在一个有效的双报到登记下服务。',
    cite: SERVICE_RULES,
  },
  NO_EVIDENCE: {
    code: 'SERVICE_NO_EVIDENCE',
    en: 'The evidence of a completed service is a registered attachment (photo, signed sheet): register it first.',
    zh: '服务办结须附已登记的佐证附件（照片、签字单），请先登记附件。',
    cite: SERVICE_RULES,
  },
  NO_MINUTES: {
    code: 'SERVICE_NO_MINUTES',
    en: 'A need (微心愿) has no standard duration: the provider states the minutes served.',
    zh: '微心愿没有标准时长，办结时须填写服务时长（分钟）。',
    cite: SERVICE_RULES,
  },
  SELF_DEALING: {
    code: 'SERVICE_SELF_DEALING',
    en: 'Nobody serves an order they placed, and nobody confirms a service they provided or dispatched: an order placed by a clerk for a resident goes to someone else, and is confirmed by the resident or a clerk who neither provided nor dispatched it.',
    zh: '不得自办自评：代为下单的人不能被派单承办该订单；服务的承办人和派单人不能确认、评价该服务（代办订单须由居民本人或未承办、未派单的党务工作者确认）。',
    cite: SERVICE_RULES,
  },
  TOO_MANY_OPEN: {
    code: 'SERVICE_TOO_MANY_OPEN',
    en: 'The resident has as many orders in progress (not yet done) as the community allows: order again when one is done or cancelled.',
    zh: '该居民在办的订单已达本社区规定的上限，请待已有订单办结或取消后再下单。',
    cite: SERVICE_RULES,
  },
  OTHER_COMMUNITY: {
    code: 'SERVICE_OTHER_COMMUNITY',
    en: 'The resident account was bound by another community’s service centre: orders go to the centre that bound it.',
    zh: '该居民账户由其他社区的服务中心绑定，只能向绑定它的社区服务中心下单。',
    cite: RESIDENT_RULES,
  },
  FOREIGN_EVIDENCE: {
    code: 'SERVICE_FOREIGN_EVIDENCE',
    en: 'The evidence attachment belongs to another organization: register it under the order’s community organization.',
    zh: '佐证附件属于其他党组织，请以订单所属社区党组织的名义登记附件。',
    cite: SERVICE_RULES,
  },
  TOO_MANY_DISPATCHES: {
    code: 'SERVICE_TOO_MANY_DISPATCHES',
    en: 'The order has been dispatched as often as an order may be: the centre withdraws it (with the reason) and the resident orders again.',
    zh: '该订单派单次数已达上限，请由服务中心撤销该订单（写明原因）后重新下单。',
    cite: SERVICE_RULES,
  },
  ENDED: {
    code: 'SERVICE_ENDED',
    en: 'The 双报到 registration has ended.',
    zh: '该双报到登记已结束。',
    cite: SERVICE_RULES,
  },
} as const;
