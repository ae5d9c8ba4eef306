import { ref } from 'vue';
import { casesApi } from '@/api/cases';

/**
 * Cases to pick from by number or title, for an autocomplete: `search` asks the server (debounced)
 * and keeps the chosen case in the list so its label stays shown.
 */
export function useCaseOptions(filter: { status?: string } = {}) {
  const options = ref<Array<{ id: string; label: string }>>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  function search(q: string | null, chosen: string | null) {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const r = await casesApi.list({ q: q || undefined, status: filter.status, pageSize: 20 });
      const keep = options.value.filter((c) => c.id === chosen);
      options.value = [...keep, ...r.items.filter((c) => c.id !== chosen).map((c) => ({ id: c.id, label: `${c.number} ${c.title}` }))];
    }, 250);
  }
  return { options, search };
}

/** The people on a case's team, each once (one may hold two roles): who a task can go to. */
export async function assignableOn(caseId: string): Promise<Array<{ userId: string; name: string }>> {
  const members = await casesApi.team(caseId);
  return [...new Map(members.items.map((m) => [m.userId, { userId: m.userId, name: m.name }])).values()];
}
