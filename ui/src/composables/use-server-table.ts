import { ref, type Ref } from 'vue';
import { useErrorMessage } from '@/composables/use-error-message';

/**
 * A server-paged table: the rows of the page asked for, the total, loading and the error message.
 * `load` suits v-data-table-server's update:options; `reload` goes back to page one (new filters).
 */
export function useServerTable<T>(fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>, pageSize = 25) {
  const errorMessage = useErrorMessage();
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref('');
  async function load() {
    loading.value = true;
    error.value = '';
    try {
      const r = await fetchPage(page.value, size.value);
      items.value = r.items;
      total.value = r.total;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }
  function reload() {
    page.value = 1;
    void load();
  }
  return { items, total, page, pageSize: size, loading, error, load, reload };
}
