/** The audit log as a file the admin saves: CSV or JSON, named after the org and the day. */
import type { AuditExport } from '../../shared/view-types';
import { auditToCsv, auditToJson, type AuditEntry } from '../queue/audit';

/** Builds the export of `entries` for the org `enterpriseId` at time `now`. */
export const exportAudit = (
  enterpriseId: string,
  entries: AuditEntry[],
  now: number,
  format: 'csv' | 'json',
): AuditExport => {
  const day = new Date(now).toISOString().slice(0, 10);
  return format === 'csv'
    ? {
        fileName: `admit-audit-${enterpriseId}-${day}.csv`,
        mimeType: 'text/csv',
        content: auditToCsv(entries),
      }
    : {
        fileName: `admit-audit-${enterpriseId}-${day}.json`,
        mimeType: 'application/json',
        content: auditToJson(entries),
      };
};
