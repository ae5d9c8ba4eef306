import { compile } from '../../../process-templates/model/compiler';
import type { CompileError } from '../../../process-templates/model/schema';

/**
 * Live validation with the one shared compiler: the errors, and markers on the elements they
 * name. Markers are added and removed through the canvas only (they are not part of the model).
 */
export function markerController(modeler: any) {
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  let marked: string[] = [];
  return {
    show(errors: CompileError[]) {
      for (const id of marked) if (registry.get(id)) canvas.removeMarker(id, 'lexflow-error');
      marked = [...new Set(errors.map((e) => e.elementId).filter((id) => id && registry.get(id)))];
      for (const id of marked) canvas.addMarker(id, 'lexflow-error');
    },
    select(id: string) {
      const element = registry.get(id);
      if (!element) return;
      modeler.get('selection').select(element);
      canvas.scrollToElement(element);
    },
  };
}

export async function validateModeler(modeler: any): Promise<{ xml: string; errors: CompileError[] }> {
  const { xml } = await modeler.saveXML({ format: true });
  return { xml, errors: (await compile(xml)).errors };
}

export function download(name: string, data: string | Blob, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The diagram as PNG: the SVG drawn on a canvas at twice the size, on white. */
export async function svgToPng(svg: string): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  await new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = reject;
    img.src = url;
  });
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = img.width * scale;
  canvas.height = img.height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  URL.revokeObjectURL(url);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}
