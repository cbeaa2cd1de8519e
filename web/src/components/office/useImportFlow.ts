// Preview, then commit exactly the preview: the state both import forms go through.
import { ref, shallowRef } from 'vue';
import type { ImportIssues } from '../../../../common/imports';
import { importApi, type ImportKind } from '../../api/office';
import { useBusyAction } from './useBusyAction';

export function useImportFlow<P extends ImportIssues & { token: string | null }>(kind: ImportKind, preview: (file: File) => Promise<P>) {
  const file = shallowRef<File | null>(null);
  const result = shallowRef<P | null>(null);
  const applied = ref<number | null>(null);
  const { busy, failure, run } = useBusyAction();

  const choose = (event: Event) => {
    file.value = (event.target as HTMLInputElement).files?.[0] ?? null;
    result.value = null;
    applied.value = null;
  };
  const runPreview = () =>
    run(async () => {
      applied.value = null;
      result.value = await preview(file.value!);
    });
  const commit = () =>
    run(async () => {
      applied.value = (await importApi.commit(kind, result.value!.token)).applied;
      result.value = null;
    });

  return { file, result, applied, failure, busy, choose, runPreview, commit };
}
