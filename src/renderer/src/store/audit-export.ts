/** The audit log's export: main writes the file's content, the page saves it as a download. */
import type { AdmitApi } from '../../../shared/contract';
import type { AppStore } from './app-store';
import type { Unwrap } from './unwrap';

/** Binds the export of the audit log as CSV or JSON. */
export const createAuditExport =
  (api: AdmitApi, store: AppStore, unwrap: Unwrap) =>
  async (format: 'csv' | 'json'): Promise<void> => {
    const file = unwrap(await api.audit.export({ format }));
    if (!file) return;
    const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    store.getState().announce(`Exported ${file.fileName}`);
  };
