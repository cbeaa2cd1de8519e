// 防返贫动态监测: the household card's history and steps, warnings, figures and the monitoring line.
import type {
  HouseholdMonitoring, MonitoringAction, MonitoringCaseDetail, MonitoringCaseView, MonitoringDeclare, MonitoringFigures, MonitoringLine,
  MonitoringLineEdit, MonitoringStage, Page, WarningStatus, WarningVerify, WarningView,
} from '../../../common/monitoring';
import type { Department, DepartmentImportPreview, DepartmentImportResult } from '../../../common/department-import';
import { requestJson, withQuery } from './client';

export const monitoringApi = {
  household: (code: string) => requestJson<HouseholdMonitoring>('GET', `/api/monitoring/households/${encodeURIComponent(code)}`),
  declare: (input: MonitoringDeclare) => requestJson<MonitoringCaseDetail>('POST', '/api/monitoring/cases', input),
  step: (id: number, action: MonitoringAction, reason: string, version: number) =>
    requestJson<MonitoringCaseDetail>('POST', `/api/monitoring/cases/${id}/steps`, { action, reason, version }),
  cases: (query: { stage?: MonitoringStage; page?: number; pageSize?: number } = {}) =>
    requestJson<Page<MonitoringCaseView>>('GET', withQuery('/api/monitoring/cases', query)),
  warnings: (query: { status?: WarningStatus; overdue?: boolean; page?: number; pageSize?: number } = {}) =>
    requestJson<Page<WarningView>>('GET', withQuery('/api/monitoring/warnings', query)),
  verify: (id: number, input: WarningVerify) => requestJson<WarningView>('POST', `/api/monitoring/warnings/${id}/verify`, input),
  runRules: () => requestJson<{ raised: number }>('POST', '/api/monitoring/warnings/run', {}),
  figures: (level: 'county' | 'township' | 'village') => requestJson<MonitoringFigures[]>('GET', withQuery('/api/monitoring/figures', { level })),
  lines: () => requestJson<MonitoringLine[]>('GET', '/api/monitoring/lines'),
  editLine: (input: MonitoringLineEdit) => requestJson<MonitoringLine[]>('PUT', '/api/monitoring/lines', input),
};

const listForm = (file: File, department: Department, period: string) => {
  const body = new FormData();
  body.set('file', file);
  body.set('department', department);
  body.set('period', period);
  return body;
};

export const departmentImportApi = {
  preview: (file: File, department: Department, period: string) =>
    requestJson<DepartmentImportPreview>('POST', '/api/import/departments/preview', listForm(file, department, period)),
  commit: (token: string) => requestJson<DepartmentImportResult>('POST', '/api/import/departments/commit', { token }),
};
