import { en as valueLabels } from '../../../common/labels';
import { en as exitCheck } from './exit-check';
import { en as screen } from './screen';
import { en as editing } from './editing';
import { en as drilldown } from './drilldown';
import { en as relocation } from './relocation';
import { en as office } from './office';
import { en as households } from './households';
import { en as householdRecords } from './household-records';
import { en as monitoring } from './monitoring';
import { en as setup } from './setup';
import { en as corrections } from './corrections';
import { en as basemap } from './basemap';
import { en as prefecture } from './prefecture';
import { en as targets } from './targets';
import { en as field } from './field';
import { en as phone } from './phone';
import { en as users } from './users';
import { en as lists } from './lists';
import type { Messages } from './messages';

export const en: Messages = {
  ...exitCheck,
  ...screen,
  ...editing,
  ...drilldown,
  ...prefecture,
  ...relocation,
  ...office,
  ...setup,
  ...corrections,
  ...basemap,
  ...targets,
  ...field,
  ...phone,
  ...users,
  ...lists,
  ...valueLabels,
  ...households,
  ...householdRecords,
  ...monitoring,
  'app.title': 'Poverty Alleviation Map',
  'app.demoBadge': 'Demo data',
  'app.demoNote': 'Apart from administrative names, codes and the county outline, all figures are generated demo data',
  'app.demoBadge.layers': 'Demo: {layers}',
  'app.demoLayers': 'Demo data: {layers}',
  'app.realLayers': 'Real data: {layers}',
  'demo.layer.townshipBoundaries': 'township boundaries',
  'demo.layer.villageBoundaries': 'village boundaries',
  'demo.layer.villageFigures': 'village figures',
  'demo.layer.sites': 'relocation sites',
  'demo.layer.projects': 'projects',
  'app.loading': 'Loading…',
  'app.loadFailed': 'Failed to load data',
  'app.retry': 'Retry',

  'lang.label': '中文',
  'lang.title': 'Switch to Chinese',

  'kpi.poorVillages': 'Poor villages',
  'kpi.exitedVillages': 'Exited',
  'kpi.wrongExit': 'Wrong exits',
  'kpi.incidence': 'Poverty rate',
  'kpi.infra': 'Infrastructure',
  'kpi.occupancy': 'Occupancy',
  'kpi.roadKm': 'Roads done',
  'kpi.funds': 'Funds spent',

  'township.label': 'Township',
  'township.all': 'Whole county',
  'township.villageCount': '{n} villages',

  'search.placeholder': 'Search villages, projects, sites, problems',
  'search.noHits': 'No matches',
  'search.type.township': 'Township',
  'search.type.village': 'Village',

  'layers.title': 'Layers',
  'layers.villages': 'Villages',
  'layers.sites': 'Relocation sites',
  'layers.roads': 'Road projects',
  'layers.water': 'Water projects',
  'layers.labels': 'Place names',
  'colourMode.title': 'Colour villages by',
  'colourMode.exit': 'Exit status',
  'colourMode.infra': 'Infrastructure',

  'legend.title': 'Legend',
  'legend.villages.exit': 'Villages · exit status',
  'legend.villages.infra': 'Villages · infrastructure completion',
  'legend.sites': 'Relocation sites',
  'legend.sites.size': 'Size: planned households',
  'legend.sites.colour': 'Colour: occupancy rate',
  'legend.sites.belowTarget': 'Red ring: an indicator below {pct}',
  'legend.roads': 'Road projects',
  'legend.water': 'Water projects',

  'readiness.non_poor': 'Non-poor village: no exit needed',
  'readiness.exited': 'Exited and meets every criterion',
  'readiness.wrong_exit': 'Exited but fails a criterion: possible wrong exit',
  'readiness.ready': 'Meets the exit criteria',
  'readiness.not_ready': 'Does not meet the exit criteria yet',

  'infra.water': 'Safe drinking water',
  'infra.power': 'Power grid',
  'infra.road': 'Hardened road',
  'infra.bus': 'Bus service',
  'infra.housing': 'Safe housing',
  'infra.mobile': '4G signal',
  'infra.tv': 'Radio & TV',
  'infra.broadband': 'Broadband',
  'infra.clinic': 'Village clinic',
  'infra.venue': 'Community centre',

  'detail.close': 'Close',
  'detail.loading': 'Loading details…',
  'detail.kind.village': 'Village',
  'detail.kind.site': 'Relocation site',
  'detail.kind.road': 'Road project',
  'detail.kind.water': 'Water project',
  'detail.township': 'Township',
  'detail.villageClass': 'Class',
  'detail.plannedExitYear': 'Planned exit',
  'detail.actualExitYear': 'Actual exit',
  'detail.notExited': 'Not exited',
  'detail.ruralPopulation': 'Rural population',
  'detail.poorRemaining': 'Still poor',
  'detail.exited': 'Exited poverty',
  'detail.householdsPersons': '{h} households / {p} persons',
  'detail.incidence': 'Poverty incidence',
  'detail.collectiveIncome': 'Collective income',
  'detail.infraTitle': 'Infrastructure {done}/{required}',
  'detail.infra.done': 'Done',
  'detail.infra.todo': 'Not done',
  'detail.infra.notRequired': 'Not required',
  'detail.exitCheckTitle': 'Exit criteria',
  'detail.criterion.incidence': 'Poverty incidence below {pct}',
  'detail.criterion.infra': 'All infrastructure done',
  'detail.criterion.income': 'Collective income at least {amount}',
  'detail.pass': 'Met',
  'detail.fail': 'Not met',
  'detail.households': 'Households',
  'detail.persons': 'Persons',
  'detail.plannedVsMoved': '{moved} moved in / {planned} planned',
  'detail.siteIndicators': 'Assessment indicators',
  'detail.indicator.construction': 'Construction completion',
  'detail.indicator.occupancy': 'Occupancy',
  'detail.indicator.stableExit': 'Stable exit',
  'detail.indicator.demolition': 'Demolition & reclamation',
  'detail.distanceToTown': 'Distance to town',
  'detail.originVillages': 'Origin villages',
  'detail.progress': 'Progress',
  'detail.length': 'Length done',
  'detail.kmDone': '{done} / {planned} km',
  'detail.funds': 'Funds',
  'detail.fundsSpent': '{spent} spent of {budget}',
  'detail.period': 'Planned period',
  'detail.servedHouseholds': 'Households served',
  'detail.villagesServed': 'Villages served',
  'detail.updatedAt': 'Updated {date}',

  'unit.households': '{n} households',
  'unit.persons': '{n} persons',
  'unit.km': '{n} km',
  'unit.none': '—',
};
