import { ref } from 'vue';
import { casesApi } from '@/api/cases';

type CaseOption = { id: string; label: string };
const optionOf = (c: { id: string; number: string; title: string }): CaseOption => ({ id: c.id, label: `${c.number} ${c.title}` });

/**
 * Cases to pick from by number or title, for an autocomplete: `search` asks the server (debounced)
 * and keeps the chosen case in the list so its label stays shown. A case chosen before any search
 * (a dialog opened from the case page) is read by id: without it in the list the field showed its
 * UUID, and the autocomplete then searched for that UUID (the page-walk test found it).
 */
export function useCaseOptions(filter: { status?: string } = {}) {
  const options = ref<CaseOption[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function chosenOption(chosen: string | null, found: CaseOption[]): Promise<CaseOption[]> {
    if (!chosen) return [];
    const known = [...options.value, ...found].find((c) => c.id === chosen);
    if (known) return [known];
    return casesApi.get(chosen).then(
      (c) => [optionOf(c)],
      () => [],
    );
  }
  function search(q: string | null, chosen: string | null) {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const isChosenLabel = chosen !== null && (q === chosen || options.value.some((c) => c.id === chosen && c.label === q));
      const r = await casesApi.list({ q: (!isChosenLabel && q) || undefined, status: filter.status, pageSize: 20 });
      const found = r.items.map(optionOf);
      const keep = await chosenOption(chosen, found);
      options.value = [...keep, ...found.filter((c) => c.id !== chosen)];
    }, 250);
  }
  return { options, search };
}

/** The people on a case's team, each once (one may hold two roles): who a task can go to. */
export async function assignableOn(caseId: string): Promise<Array<{ userId: string; name: string }>> {
  const members = await casesApi.team(caseId);
  return [...new Map(members.items.map((m) => [m.userId, { userId: m.userId, name: m.name }])).values()];
}
