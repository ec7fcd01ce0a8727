/** A file name safe in a Content-Disposition header, with the UTF-8 name beside it. */
export function disposition(title: string, ext: string): string {
  const ascii = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w -]+/g, '').trim().slice(0, 80) || 'document';
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${title.slice(0, 80)}.${ext}`)}`;
}
