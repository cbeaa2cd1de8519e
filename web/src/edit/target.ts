// Which record a map selection is, as the audit trail and the change feed name it.
import type { ChangeEvent } from '../../../common/api';
import type { AuditedEntity } from '../api/edits';
import type { Selection } from '../map/features';

export function auditTarget(selection: Selection): AuditedEntity {
  if (selection.kind === 'village') return { entity: 'village', code: selection.code };
  return { entity: selection.kind === 'site' ? 'site' : 'project', id: selection.id };
}

/** Whether a change (one record, or many at once from an import) touches the selected record. */
export function isAbout(change: ChangeEvent, selection: Selection): boolean {
  const target = auditTarget(selection);
  if (change.entity !== target.entity) return false;
  return change.id === '*' || change.id === (target.entity === 'village' ? target.code : String(target.id));
}
