/** Longest file name base offered to browsers; names are shortened, never refused. */
const MAX_BASE_CHARS = 80;

/**
 * A file name base for the dataset's downloads: its name without what no file system (Windows included)
 * takes in a name, control characters, path separators and leading dots, shortened; its id when nothing
 * is left.
 */
export function downloadBaseName(name: string, id: string): string {
  const cleaned = name
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s_]+/, '');
  const short = [...cleaned].slice(0, MAX_BASE_CHARS).join('').trim();
  return short === '' ? id : short;
}

/** RFC 5987 `ext-value` encoding: UTF-8, percent-encoded except attr-chars. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` for `filename` (RFC 6266): `filename*` carries the name in UTF-8,
 * percent-encoded, and `filename` an ASCII fallback (anything else, quotes and backslashes as `_`)
 * for the clients that know only that one. Header injection is impossible: both forms hold only
 * printable ASCII.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(filename)}`;
}
