import { onScopeDispose, ref } from 'vue';
import { downloadBytes, exportReport, isAbortError, type Report } from 'backfolio/export';

/** Export a report from a Vue component: reactive progress and error, cancel when the scope ends. */
export function useExport() {
  const progress = ref<number | null>(null);
  const error = ref<string | null>(null);
  let controller: AbortController | null = null;
  const cancel = () => controller?.abort();
  onScopeDispose(cancel);
  async function run(report: Report, format: 'csv' | 'xlsx' | 'pdf') {
    cancel();
    const current = (controller = new AbortController());
    progress.value = 0;
    error.value = null;
    try {
      const { files } = await exportReport(report, { formats: [format], signal: current.signal, onProgress: (p) => (progress.value = p.fraction) });
      for (const file of files) downloadBytes(file.bytes, file.name, file.mimeType);
    } catch (e) {
      if (!isAbortError(e)) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (controller === current) {
        controller = null;
        progress.value = null;
      }
    }
  }
  return { run, cancel, progress, error };
}
