import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { mdiFileDocumentOutline, mdiFileImageOutline, mdiFileOutline, mdiFilePdfBox, mdiFileWordOutline, mdiTextBoxOutline } from '@mdi/js';
import { documentsApi, type DocumentCategory } from '@/api/documents';

/** How the browser shows a file: the kinds the preview panel knows, by the sniffed type. */
export type PreviewKind = 'pdf' | 'docx' | 'image' | 'text' | 'none';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function previewKind(mime: string): PreviewKind {
  if (mime === 'application/pdf') return 'pdf';
  if (mime === DOCX) return 'docx';
  if (/^image\/(png|jpeg|gif|webp|bmp|svg\+xml)$/.test(mime)) return 'image';
  if (mime.startsWith('text/')) return 'text';
  return 'none';
}

export function mimeIcon(mime: string): string {
  const kind = previewKind(mime);
  if (kind === 'pdf') return mdiFilePdfBox;
  if (kind === 'docx' || mime === 'application/msword') return mdiFileWordOutline;
  if (kind === 'image') return mdiFileImageOutline;
  if (kind === 'text') return mdiTextBoxOutline;
  return mime.startsWith('application/vnd.') ? mdiFileDocumentOutline : mdiFileOutline;
}

/** Bytes as people read them (KB, MB: powers of 1024, one decimal below 10). */
export function fileSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${u === 0 || n >= 10 ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}

/** The firm's categories, loaded once per page load and shared by every documents view. */
const categories = ref<DocumentCategory[]>([]);
let loading: Promise<void> | null = null;

export function useDocumentCategories() {
  const { locale } = useI18n();
  if (!loading)
    loading = documentsApi
      .categories()
      .then((r) => void (categories.value = [...r.items].sort((a, b) => a.sort - b.sort)))
      .catch(() => void (loading = null));
  const name = (key: string) => {
    const c = categories.value.find((x) => x.key === key);
    return c ? (locale.value === 'en' ? c.nameEn : c.nameZh) : key;
  };
  /** Items for a v-select: the categories still in use (archived ones only name old documents). */
  const items = () => categories.value.filter((c) => !c.archived).map((c) => ({ value: c.key, title: name(c.key) }));
  return { categories, name, items, ready: () => loading };
}
