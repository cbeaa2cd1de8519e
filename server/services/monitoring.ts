// The monitoring workflow (防返贫动态监测): reporting a household, each step of its case by the role
// common/monitoring.ts allows, verifying warnings, the monitoring line and the figures. Every read
// and write goes through the user's household scope: outside it a case or warning does not exist.
import { maskName } from '../../common/masking';
import {
  availableActions, DECLARING_ROLES, LINE_EDITORS, transition, typeViolation, WARNING_VERIFIERS,
  type HouseholdMonitoring, type MonitoringCaseDetail, type MonitoringCaseView, type MonitoringDeclare, type MonitoringFigures,
  type MonitoringLineEdit, type MonitoringStep, type Page, type WarningVerify, type WarningView,
} from '../../common/monitoring';
import { chinaToday } from '../../common/problems';
import type { Role, SessionUser } from '../../common/roles';
import type { Db, Queryable } from '../db/client';
import { getHousehold } from '../repo/households';
import {
  caseSteps, getCase, getWarning, householdCases, insertCase, insertStep, listCases, listLines, listWarnings, monitoringFigures, moveCase,
  resolveWarning, upsertLine, type CaseFilter, type CaseRow, type FigureLevel, type WarningFilter, type WarningRow,
} from '../repo/monitoring';
import { DomainError, notFound } from './domain-error';
import { householdAccess, householdAccessIfAllowed, type ScopedUser } from './scope';

/** A committed change and the township it happened in: what a scoped live event carries, no more. */
export interface MonitoringChange<T> {
  result: T;
  township: string;
}

const townshipOf = (householdCode: string) => householdCode.slice(0, 9);
const caseNotFound = (id: number) => notFound(`监测对象 ${id}`, `Monitoring case ${id}`);
const householdNotFound = (code: string) => notFound(`贫困户 ${code}`, `Household ${code}`);
const warningNotFound = (id: number) => notFound(`预警 ${id}`, `Warning ${id}`);

function requireRole(access: ScopedUser, roles: readonly Role[], zh: string, en: string): void {
  if (!roles.includes(access.role)) throw new DomainError('forbidden', 'forbidden', `您的角色不能${zh}`, `Your role may not ${en}`);
}

const toCaseView = ({ yearExited: _y, headName, ...row }: CaseRow): MonitoringCaseView => ({ ...row, headName: maskName(headName) });
const toWarningView = ({ yearExited: _y, headName, ...row }: WarningRow): WarningView => ({ ...row, headName: maskName(headName) });

async function caseDetails(db: Queryable, access: ScopedUser, rows: CaseRow[]): Promise<MonitoringCaseDetail[]> {
  const steps = await caseSteps(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...toCaseView(r), steps: steps.get(r.id) ?? [], actions: availableActions(r.stage, access.role) }));
}

export async function declareCase(db: Db, user: SessionUser, area: string, input: MonitoringDeclare): Promise<MonitoringChange<MonitoringCaseDetail>> {
  const access = await householdAccess(db, user, area);
  const household = await getHousehold(db, access.scope, input.householdCode);
  if (!household) throw householdNotFound(input.householdCode);
  requireRole(access, DECLARING_ROLES, '申报或排查监测对象', 'report a household for monitoring');
  const wrongType = typeViolation(input.type, household.yearExited);
  if (wrongType) throw new DomainError('unprocessable', 'wrong_type', wrongType.message, wrongType.messageEn);
  const id = await db.write(async (tx) => {
    const created = await insertCase(tx, { householdCode: input.householdCode, type: input.type, way: input.way });
    if (created === null) throw openCaseExists(input.householdCode);
    await insertStep(tx, { caseId: created, action: 'declare', from: null, to: 'reported', userId: access.id, reason: input.reason });
    return created;
  });
  return { result: (await caseDetails(db, access, [(await getCase(db, access.scope, id))!]))[0], township: townshipOf(input.householdCode) };
}

const openCaseExists = (code: string) =>
  new DomainError('conflict', 'open_case_exists', `户 ${code} 已有未办结的监测流程`, `Household ${code} already has an open monitoring case`);

/** One step of the workflow: in order, by the role allowed, on the version the user saw, with its reason. */
export async function stepCase(db: Db, user: SessionUser, area: string, id: number, step: MonitoringStep): Promise<MonitoringChange<MonitoringCaseDetail>> {
  const access = await householdAccess(db, user, area);
  const before = await getCase(db, access.scope, id);
  if (!before) throw caseNotFound(id);
  const outcome = transition(before.stage, step.action, access.role);
  if (!outcome.ok) throw new DomainError(outcome.problem === 'wrong_role' ? 'forbidden' : 'conflict', outcome.problem, outcome.message, outcome.messageEn);
  await db.write(async (tx) => {
    if (!(await moveCase(tx, id, step.version, outcome.to))) {
      throw new DomainError('conflict', 'version_conflict', '该监测流程已被他人推进，请刷新后再办理', 'Someone else moved this case on meanwhile: reload and try again');
    }
    await insertStep(tx, { caseId: id, action: step.action, from: before.stage, to: outcome.to, userId: access.id, reason: step.reason });
  });
  return { result: (await caseDetails(db, access, [(await getCase(db, access.scope, id))!]))[0], township: townshipOf(before.householdCode) };
}

const today = () => chinaToday();

/** The household card's monitoring: its cases with their steps and the user's next steps, its warnings. */
export async function householdMonitoring(db: Db, user: SessionUser, area: string, code: string): Promise<HouseholdMonitoring> {
  const access = await householdAccess(db, user, area);
  if (!(await getHousehold(db, access.scope, code))) throw householdNotFound(code);
  const [cases, warnings] = await Promise.all([
    householdCases(db, code),
    listWarnings(db, access.scope, today(), { householdCode: code, page: 1, pageSize: 200 }),
  ]);
  return {
    cases: await caseDetails(db, access, cases),
    warnings: warnings.rows.map(toWarningView),
    canDeclare: DECLARING_ROLES.includes(access.role) && !cases.some((c) => c.stage !== 'risk_removed' && c.stage !== 'rejected'),
    canVerifyWarnings: WARNING_VERIFIERS.includes(access.role),
  };
}

export async function casePage(db: Db, user: SessionUser, area: string, f: CaseFilter): Promise<Page<MonitoringCaseView>> {
  const access = await householdAccess(db, user, area);
  const { rows, total } = await listCases(db, access.scope, f);
  return { items: rows.map(toCaseView), total, page: f.page, pageSize: f.pageSize };
}

export async function warningPage(db: Db, user: SessionUser, area: string, f: WarningFilter): Promise<Page<WarningView>> {
  const access = await householdAccess(db, user, area);
  const { rows, total } = await listWarnings(db, access.scope, today(), f);
  return { items: rows.map(toWarningView), total, page: f.page, pageSize: f.pageSize };
}

/** 核实: a warning becomes a case (部门筛查预警 / screening) or is dismissed with a reason. */
export async function verifyWarning(db: Db, user: SessionUser, area: string, id: number, input: WarningVerify): Promise<MonitoringChange<WarningView>> {
  const access = await householdAccess(db, user, area);
  const warning = await getWarning(db, access.scope, today(), id);
  if (!warning) throw warningNotFound(id);
  requireRole(access, WARNING_VERIFIERS, '核实预警', 'verify warnings');
  if (warning.status !== 'open') throw alreadyVerified(id);
  if (input.outcome === 'confirm') {
    const wrongType = typeViolation(input.type, warning.yearExited);
    if (wrongType) throw new DomainError('unprocessable', 'wrong_type', wrongType.message, wrongType.messageEn);
  }
  await db.write(async (tx) => {
    let caseId: number | null = null;
    if (input.outcome === 'confirm') {
      caseId = await insertCase(tx, { householdCode: warning.householdCode, type: input.type, way: 'department_screening' });
      if (caseId === null) throw openCaseExists(warning.householdCode);
      await insertStep(tx, { caseId, action: 'declare', from: null, to: 'reported', userId: access.id, reason: input.reason });
    }
    const resolved = await resolveWarning(tx, id, { status: input.outcome === 'confirm' ? 'confirmed' : 'dismissed', userId: access.id, reason: input.reason, caseId });
    if (!resolved) throw alreadyVerified(id);
  });
  return { result: toWarningView((await getWarning(db, access.scope, today(), id))!), township: townshipOf(warning.householdCode) };
}

const alreadyVerified = (id: number) => new DomainError('conflict', 'already_verified', `预警 ${id} 已核实`, `Warning ${id} has already been verified`);

export const monitoringLines = listLines;

export async function editMonitoringLine(db: Db, user: SessionUser, area: string, input: MonitoringLineEdit) {
  const access = await householdAccess(db, user, area);
  requireRole(access, LINE_EDITORS, '修改监测线', 'change the monitoring line');
  await db.write((tx) => upsertLine(tx, input.year, input.line, input.source, access.id));
  return listLines(db);
}

/** Figures per county, township or village over the households in the user's scope. */
export async function scopedFigures(db: Db, user: SessionUser, area: string, level: FigureLevel): Promise<MonitoringFigures[]> {
  const access = await householdAccess(db, user, area);
  return monitoringFigures(db, access.scope, today(), level);
}

/** The same, or null for a user who may not see households (the bulletin's Excel leaves the sheet out). */
export async function scopedFiguresIfAllowed(db: Db, user: SessionUser, area: string, level: FigureLevel): Promise<MonitoringFigures[] | null> {
  const access = await householdAccessIfAllowed(db, user, area);
  return access && monitoringFigures(db, access.scope, today(), level);
}
