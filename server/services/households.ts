// Household records for the people allowed to see them: masked by default, one plain value at a
// time for a permitted role with a reason, each such look logged (PIPL: need to know, traceable).
import type { HouseholdDetail, HouseholdListItem, HouseholdPage, HouseholdQuery, MemberView, UnmaskRequest } from '../../common/household-api';
import { villageHouseholdFigures, type VillageHouseholdFigures } from '../../common/household-figures';
import { householdReadiness, povertyLine } from '../../common/households';
import { maskIdNumber, maskName, maskPhone } from '../../common/masking';
import type { SessionUser } from '../../common/roles';
import type { Db } from '../db/client';
import type { PiiCipher } from '../pii/cipher';
import {
  getHousehold, searchHouseholds, householdMeasures, householdMembers, householdYears, listHouseholdsOfVillage, recordUnmask, type HouseholdRow, type MemberRow,
} from '../repo/households';
import { typedFigures } from '../repo/household-sums';
import { getVillage } from '../repo/villages';
import { figureSource } from './figure-source';
import { DomainError, notFound } from './domain-error';
import { householdAccess, mayUnmask, villageInScope, type ScopedUser } from './scope';

/** Out of scope and nonexistent answer alike, so a scoped user learns nothing of other households. */
const householdNotFound = (code: string) => notFound(`贫困户 ${code}`, `Household ${code}`);
const villageNotFound = (code: string) => notFound(`村 ${code}`, `Village ${code}`);

function toListItem(row: HouseholdRow): HouseholdListItem {
  const latest = row.latest;
  return {
    code: row.code,
    villageCode: row.villageCode,
    headName: maskName(row.headName),
    povertyAttribute: row.povertyAttribute,
    mainCause: row.mainCause,
    yearIdentified: row.yearIdentified,
    yearExited: row.yearExited,
    persons: row.persons,
    latestYear: latest?.year ?? null,
    incomePerCapita: latest?.incomePerCapita ?? null,
    readiness: latest ? householdReadiness(row.yearExited, latest) : null,
    relocated: row.relocationSiteId !== null,
    demo: row.demo,
  };
}

function toMemberView(m: MemberRow, pii: PiiCipher): MemberView {
  const { idNumberEnc, phoneEnc, ...rest } = m;
  return {
    ...rest,
    name: maskName(m.name),
    idNumber: maskIdNumber(pii.decrypt(idNumberEnc)),
    phone: phoneEnc === null ? null : maskPhone(pii.decrypt(phoneEnc)),
  };
}

export async function villageHouseholds(db: Db, user: SessionUser, county: string, village: string): Promise<HouseholdListItem[]> {
  const access = await householdAccess(db, user, county);
  if (!village.startsWith(county) || !villageInScope(access.scope, village) || !(await getVillage(db, village))) throw villageNotFound(village);
  const rows = await listHouseholdsOfVillage(db, access.scope, village);
  if (access.scope.kind === 'assisted' && rows.length === 0) throw villageNotFound(village);
  return rows.map(toListItem);
}

export async function findHouseholds(db: Db, user: SessionUser, county: string, q: HouseholdQuery): Promise<HouseholdPage> {
  const access = await householdAccess(db, user, county);
  const { total, rows } = await searchHouseholds(db, access.scope, q);
  return { total, items: rows.map(toListItem) };
}

/**
 * A village's figures as its households add them up, with the typed-in figures that disagree; null
 * where the county holds no household records. Aggregates only: public like the village figures.
 */
export async function villageFiguresFromHouseholds(db: Db, area: string, code: string): Promise<VillageHouseholdFigures | null> {
  const village = code.startsWith(area) ? await getVillage(db, code) : undefined;
  if (!village) throw villageNotFound(code);
  // Each county decides where its figures come from, a prefecture's too.
  const county = code.slice(0, 6);
  if ((await figureSource(db, county)) === 'typed') return null;
  const rows = await listHouseholdsOfVillage(db, { kind: 'county', area: county }, code);
  return villageHouseholdFigures((await typedFigures(db, county)).get(code) ?? village, rows.map(toListItem));
}

export async function householdDetail(db: Db, pii: PiiCipher, user: SessionUser, county: string, code: string): Promise<HouseholdDetail> {
  const access = await householdAccess(db, user, county);
  const row = await getHousehold(db, access.scope, code);
  if (!row) throw householdNotFound(code);
  const [years, measures, members] = await Promise.all([householdYears(db, code), householdMeasures(db, code), householdMembers(db, code)]);
  return {
    ...toListItem(row),
    otherCauses: row.otherCauses,
    relocationSiteId: row.relocationSiteId,
    cadre: { name: row.cadreName, unit: row.cadreUnit, phone: row.cadrePhoneEnc === null ? null : maskPhone(pii.decrypt(row.cadrePhoneEnc)) },
    years: years.map((y) => ({ ...y, povertyLine: povertyLine(y.year) ?? null, readiness: householdReadiness(row.yearExited, y) })),
    measures,
    members: members.map((m) => toMemberView(m, pii)),
    canUnmask: mayUnmask(access),
  };
}

function plainValue(req: UnmaskRequest, row: HouseholdRow, member: MemberRow | undefined, pii: PiiCipher): string | null {
  switch (req.field) {
    case 'headName':
      return row.headName;
    case 'cadrePhone':
      return row.cadrePhoneEnc === null ? null : pii.decrypt(row.cadrePhoneEnc);
    case 'memberName':
      return member!.name;
    case 'idNumber':
      return pii.decrypt(member!.idNumberEnc);
    case 'phone':
      return member!.phoneEnc === null ? null : pii.decrypt(member!.phoneEnc);
  }
}

const refuseUnmask = () =>
  new DomainError('forbidden', 'unmask_forbidden', '您的角色无权查看个人信息明文', 'Your role may not see personal data unmasked');

/** The plain value of one field, after logging who asked, for which record and why. */
export async function unmask(db: Db, pii: PiiCipher, user: SessionUser, county: string, code: string, req: UnmaskRequest): Promise<{ value: string | null }> {
  const access: ScopedUser = await householdAccess(db, user, county);
  const row = await getHousehold(db, access.scope, code);
  if (!row) throw householdNotFound(code);
  if (!mayUnmask(access)) throw refuseUnmask();
  const member = req.memberId === undefined ? undefined : (await householdMembers(db, code)).find((m) => m.id === req.memberId);
  if (req.memberId !== undefined && !member) throw notFound(`成员 ${req.memberId}`, `Member ${req.memberId}`);
  const value = plainValue(req, row, member, pii);
  await db.write((tx) =>
    recordUnmask(tx, { userId: access.id, username: access.username, householdCode: code, memberId: req.memberId ?? null, field: req.field, reason: req.reason }),
  );
  return { value };
}
