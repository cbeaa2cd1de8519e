// Names of the domain's enumerated values in both languages: the map's words, and the spreadsheets'
// (server/services/export), so an export says what the screen says. The web i18n spreads these in.
import type { ProjectStatus, ProjectSubtype, VillageClass } from './domain';
import type { ExitStatus } from './indicators';
import type { ProblemEntityType, ProblemSource, ProblemStatus } from './problems';

type Named<Prefix extends string, Value extends string> = Record<`${Prefix}.${Value}`, string>;
export type ValueLabels = Named<'exitStatus', ExitStatus> &
  Named<'villageClass', VillageClass> &
  Named<'projectStatus', ProjectStatus> &
  Named<'subtype', ProjectSubtype> &
  Named<'problem.entity', ProblemEntityType> &
  Named<'problem.source', ProblemSource> &
  Named<'problem.status', ProblemStatus>;

export const zhCN = {
  'exitStatus.non_poor': '非贫困村',
  'exitStatus.exited': '已退出',
  'exitStatus.wrong_exit': '错退预警',
  'exitStatus.poor': '贫困村（未退出）',
  'exitStatus.deep_poor': '深度贫困村（未退出）',

  'villageClass.poor': '贫困村',
  'villageClass.deep_poor': '深度贫困村',
  'villageClass.non_poor': '非贫困村',

  'projectStatus.planned': '计划',
  'projectStatus.under_construction': '在建',
  'projectStatus.completed': '完工',
  'projectStatus.accepted': '已验收',

  'subtype.upgrade': '农村公路提质改造',
  'subtype.safety': '安保工程',
  'subtype.bridge': '危桥改造',
  'subtype.bus_stop': '招呼站',
  'subtype.drinking_water': '安全饮水工程',

  'problem.entity.village': '行政村',
  'problem.entity.site': '安置点',
  'problem.entity.project': '项目',
  'problem.source.inspection': '督查检查',
  'problem.source.audit': '审计',
  'problem.source.complaint': '群众投诉',
  'problem.status.open': '待整改',
  'problem.status.fixed': '已整改待销号',
  'problem.status.closed': '已销号',
} as const satisfies ValueLabels;

export const en = {
  'exitStatus.non_poor': 'Non-poor village',
  'exitStatus.exited': 'Exited',
  'exitStatus.wrong_exit': 'Wrong exit',
  'exitStatus.poor': 'Poor (not exited)',
  'exitStatus.deep_poor': 'Deep poverty (not exited)',

  'villageClass.poor': 'Poor village',
  'villageClass.deep_poor': 'Deep-poverty village',
  'villageClass.non_poor': 'Non-poor village',

  'projectStatus.planned': 'Planned',
  'projectStatus.under_construction': 'Under construction',
  'projectStatus.completed': 'Completed',
  'projectStatus.accepted': 'Accepted',

  'subtype.upgrade': 'Rural road upgrade',
  'subtype.safety': 'Road safety works',
  'subtype.bridge': 'Dangerous bridge rebuild',
  'subtype.bus_stop': 'Bus stop',
  'subtype.drinking_water': 'Safe drinking water',

  'problem.entity.village': 'Village',
  'problem.entity.site': 'Relocation site',
  'problem.entity.project': 'Project',
  'problem.source.inspection': 'Inspection',
  'problem.source.audit': 'Audit',
  'problem.source.complaint': 'Complaint',
  'problem.status.open': 'Open',
  'problem.status.fixed': 'Fixed, awaiting closure',
  'problem.status.closed': 'Closed',
} as const satisfies ValueLabels;
