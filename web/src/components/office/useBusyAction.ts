// One request at a time from a form, its refusal shown in the UI language.
import { ref } from 'vue';
import { ApiRequestError } from '../../api/client';
import { inLocale } from '../../edit/violations';

export function useBusyAction() {
  const busy = ref(false);
  const failure = ref<string | null>(null);

  async function run(work: () => Promise<void>): Promise<void> {
    busy.value = true;
    failure.value = null;
    try {
      await work();
    } catch (e) {
      if (!(e instanceof ApiRequestError)) throw e;
      failure.value = inLocale(e.body.error);
    } finally {
      busy.value = false;
    }
  }

  return { busy, failure, run };
}
