import { ApiError, failure, safeJson } from './api';
import { translator as i18n } from '../i18n/index';

/** Hands `blob` to the browser's own download, under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name a Content-Disposition header gives, its UTF-8 form first (RFC 6266). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]!);
    } catch {
      /* a malformed name: fall back to the plain one */
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

/**
 * Fetches a file the server makes (an export, a published PDF) and saves it. A link with
 * `download` would save the server's refusal ("exports en cours", "trop volumineux") as a file
 * named after the document; here it is thrown as an ApiError whose message the page shows.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18n.t('core.errors.network'));
  }
  if (!res.ok) {
    const text = await res.text();
    throw failure(res.status, text ? safeJson(text) : null);
  }
  saveBlob(await res.blob(), dispositionFilename(res.headers.get('content-disposition')) ?? fallbackName);
}
