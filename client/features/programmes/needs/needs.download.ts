/** Downloads of the map: the table as CSV (UTF-8 with BOM, for spreadsheets) and the map as PNG. */
import { saveBlob } from '../../../lib/download';

const cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function downloadCsv(header: string[], rows: Array<Array<string | number | null>>, filename: string) {
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  saveBlob(new Blob(['\uFEFF', text, '\r\n'], { type: 'text/csv;charset=utf-8' }), filename);
}

export interface PngLegend { colour: string | null; label: string }

/**
 * Draws the map's SVG on a canvas with its title, legend and source lines, so the picture says
 * what it shows wherever it is pasted. "No data" (a pattern in the SVG) is drawn as grey here.
 */
export async function downloadPng(svg: SVGSVGElement, title: string, legend: PngLegend[], footer: string[], filename: string) {
  const { width: vw, height: vh } = svg.viewBox.baseVal;
  const mapWidth = 760;
  const mapHeight = Math.round((mapWidth * vh) / vw);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(mapWidth));
  clone.setAttribute('height', String(mapHeight));
  const source = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('map image'));
      img.src = url;
    });
    const scale = 2;
    const width = mapWidth + 340;
    const height = Math.max(mapHeight, legend.length * 30 + 40) + 70 + footer.length * 22;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#1d2327';
    ctx.font = 'bold 20px system-ui, sans-serif';
    ctx.fillText(title, 20, 34);
    ctx.drawImage(image, 10, 50, mapWidth, mapHeight);
    ctx.font = '15px system-ui, sans-serif';
    legend.forEach((item, i) => {
      const y = 70 + i * 30;
      ctx.fillStyle = item.colour ?? '#d5dadd';
      ctx.fillRect(mapWidth + 30, y, 22, 22);
      ctx.strokeStyle = '#1d2327';
      ctx.strokeRect(mapWidth + 30, y, 22, 22);
      ctx.fillStyle = '#1d2327';
      ctx.fillText(item.label, mapWidth + 62, y + 16);
    });
    ctx.font = '13px system-ui, sans-serif';
    footer.forEach((line, i) => ctx.fillText(line, 20, height - 16 - (footer.length - 1 - i) * 22));
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) saveBlob(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}
