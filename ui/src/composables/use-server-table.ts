import { computed, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useErrorMessage } from '@/composables/use-error-message';

/**
 * A server-paged table: the rows of the page asked for, the total, loading and the error message.
 * `load` suits v-data-table-server's update:options; `reload` goes back to page one (new filters).
 * Only the newest request's answer is shown: an older one arriving late (fast typing) is dropped.
 * `last` is that whole answer, for what a list says beyond its rows (e.g. a capped total).
 * `table` is what v-data-table-server takes from all this (`v-bind="table"`): page, page size,
 * rows, total, loading and the options handler.
 */
export function useServerTable<T, R extends { items: T[]; total: number } = { items: T[]; total: number }>(
  fetchPage: (page: number, pageSize: number) => Promise<R>,
  opts: { pageSize?: number; onError?: (message: string) => void } = {},
) {
  const errorMessage = useErrorMessage();
  const { t } = useI18n();
  const items = ref([]) as Ref<T[]>;
  const last = ref(null) as Ref<R | null>;
  const total = ref(0);
  const page = ref(1);
  const size = ref(opts.pageSize ?? 25);
  const loading = ref(false);
  const error = ref('');
  let seq = 0;
  async function load() {
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    try {
      const r = await fetchPage(page.value, size.value);
      if (mine !== seq) return;
      last.value = r;
      items.value = r.items;
      total.value = r.total;
    } catch (e) {
      if (mine !== seq) return;
      if (opts.onError) opts.onError(errorMessage(e));
      else error.value = errorMessage(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  function reload() {
    page.value = 1;
    void load();
  }
  const table = computed(() => ({
    page: page.value,
    'onUpdate:page': (p: number) => (page.value = p),
    itemsPerPage: size.value,
    'onUpdate:itemsPerPage': (n: number) => (size.value = n),
    items: items.value,
    itemsLength: total.value,
    loading: loading.value,
    loadingText: t('common.loading'),
    'onUpdate:options': load,
  }));
  return { items, last, total, page, pageSize: size, loading, error, load, reload, table };
}
