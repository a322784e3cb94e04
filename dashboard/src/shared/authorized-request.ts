// A REST call with the session's bearer header, for the screens that need the reply itself (a file to save, a
// JSON body read later) rather than api.ts's parsed JSON; and saving a reply or a text as a download. The gateway
// authenticates by the bearer header only (no cookie), so a file is fetched with the header and saved from a blob,
// never linked to.

import { ApiError, apiErrorOf } from './api.js';

/**
 * Sends `body` as JSON, or as it is when it is a Blob (a File: its bytes with its type, else as octet-stream).
 * A reply that is not ok throws an ApiError with the server's stable code and message; no reply at all, NETWORK.
 */
export async function sendWithBearer(session: string, method: string, url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${session}` };
  let payload: BodyInit | null = null;
  if (body instanceof Blob) {
    headers['content-type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (res.ok) return res;
  throw apiErrorOf(res.status, await res.json().catch(() => null));
}

/** The file name the gateway gives (content-disposition, its UTF-8 form first), else `fallback`. */
export function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name: the plain one or ours instead
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Hands a blob to the browser as a download, as if a link had been clicked. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // the download has its own copy once started; a minute covers a slow disk
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** Saves a reply as a file, named as the gateway names it, else `fallbackName`. */
export async function saveDownload(res: Response, fallbackName: string): Promise<void> {
  saveBlob(await res.blob(), fileNameOf(res, fallbackName));
}
