import { useCallback, useEffect, useRef, useState } from 'react';
import { downloadBytes, exportReport, isAbortError, type Report } from 'backfolio/export';

/** Export a report from a React component: progress, errors, cancel on unmount. */
export function useExport() {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const cancel = useCallback(() => controller.current?.abort(), []);
  useEffect(() => cancel, [cancel]);
  const run = useCallback(async (report: Report, format: 'csv' | 'xlsx' | 'pdf') => {
    controller.current?.abort();
    const current = (controller.current = new AbortController());
    setProgress(0);
    setError(null);
    try {
      const { files } = await exportReport(report, { formats: [format], signal: current.signal, onProgress: (p) => setProgress(p.fraction) });
      for (const file of files) downloadBytes(file.bytes, file.name, file.mimeType);
    } catch (e) {
      if (!isAbortError(e)) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (controller.current === current) {
        controller.current = null;
        setProgress(null);
      }
    }
  }, []);
  return { run, cancel, progress, error };
}
