// The attributes a project manager types for a new project and edits later: one model, so the
// drawing form and the edit form cannot drift apart.
import type { ProjectView } from '../../../common/api';
import type { ProjectCreate } from '../../../common/schemas';
import { toNullable, toWan, toYuan, today, type NumberInput } from './patch';

export interface ProjectAttributesModel {
  name: string;
  nameEn: string;
  budgetWan: NumberInput;
  spentWan: NumberInput;
  plannedStart: string;
  plannedEnd: string;
  servedHouseholds: NumberInput;
}

export type ProjectAttributes = Pick<ProjectCreate, 'name' | 'nameEn' | 'budget' | 'spent' | 'plannedStart' | 'plannedEnd'> & {
  servedHouseholds: number | null;
};

/** The attribute fields, as the API and the rules name them. */
export const PROJECT_ATTRIBUTE_FIELDS = ['name', 'nameEn', 'budget', 'spent', 'plannedStart', 'plannedEnd', 'servedHouseholds'] as const;

export function attributesModel(project?: ProjectView): ProjectAttributesModel {
  if (!project) return { name: '', nameEn: '', budgetWan: '', spentWan: 0, plannedStart: today(), plannedEnd: '', servedHouseholds: '' };
  return {
    name: project.name,
    nameEn: project.nameEn,
    budgetWan: toWan(project.budget),
    spentWan: toWan(project.spent),
    plannedStart: project.plannedStart,
    plannedEnd: project.plannedEnd,
    servedHouseholds: project.servedHouseholds ?? '',
  };
}

export function attributesOf(model: ProjectAttributesModel): ProjectAttributes {
  return {
    name: model.name.trim(),
    nameEn: model.nameEn.trim(),
    budget: toYuan(model.budgetWan),
    spent: toYuan(model.spentWan),
    plannedStart: model.plannedStart,
    plannedEnd: model.plannedEnd,
    servedHouseholds: toNullable(model.servedHouseholds),
  };
}
