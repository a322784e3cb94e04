// The state of a screen's CSV/XLSX export buttons: which file is being fetched (every button waits meanwhile) and
// why the last one failed, in the words errorMessage gives; a new try clears the old failure.

import { useState } from 'preact/hooks';
import { errorMessage, type MessageRef } from '../api.js';

export type FileFormat = 'csv' | 'xlsx';

export interface FileExport {
  busy: FileFormat | null;
  failed: MessageRef | null;
  save: (format: FileFormat) => Promise<void>;
}

export function useFileExport(download: (format: FileFormat) => Promise<void>): FileExport {
  const [busy, setBusy] = useState<FileFormat | null>(null);
  const [failed, setFailed] = useState<MessageRef | null>(null);
  async function save(format: FileFormat) {
    setBusy(format);
    setFailed(null);
    try {
      await download(format);
    } catch (err) {
      setFailed(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }
  return { busy, failed, save };
}
