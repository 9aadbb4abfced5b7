import { execFileSync } from 'node:child_process';

/**
 * metadata.json as the reference client writes it, computed by Python itself: its json.loads reads the
 * payload texts (as `response.json()` does) and its json.dumps(indent=2, sort_keys=True) writes the
 * record, built key by key as the reference client's specification describes `download` (step 4). The
 * reference's URL constants are replaced by the site the test runs against. Two things follow the
 * project's spec where the reference's code differs: `path` is the file name, and the safe stem also
 * turns dot runs into `_` (no test name here has one).
 */
const ORACLE = `
import json, re, sys
from pathlib import PurePosixPath
from urllib.parse import quote

request = json.load(sys.stdin)
files, api = request["files_base"], request["api_base"]
payload = json.loads(request["neuron"])

def as_list(value):
    value = value or []
    return [value] if isinstance(value, str) else list(value)

def https(url):
    return "https://" + url[len("http://"):] if url.startswith("http://") else url

neuron_id = int(payload["neuron_id"])
name = str(payload["neuron_name"])
archive = payload.get("archive")
original_format = payload.get("original_format")
png_url = payload.get("png_url")
stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "neuromorpho_neuron"

standard_url = None
if archive:
    standard_url = f"{files}/{quote(archive.lower(), safe='')}/CNG%20version/{quote(name, safe='')}.CNG.swc"
suffix, reason = None, None
if not original_format:
    reason = "This neuron does not expose an original_format field."
else:
    suffix = PurePosixPath(original_format).suffix
    if not suffix:
        reason = f"Cannot infer original file extension from original_format={original_format!r}."
        suffix = None
original_url = None
if archive and suffix:
    original_url = f"{files}/{quote(archive.lower(), safe='')}/Source-Version/{quote(name + suffix, safe='')}"

link = payload.get("_links", {}).get("measurements", {}).get("href")
measurement_url = https(str(link)) if link else f"{api}/morphometry/id/{neuron_id}"

measurement = None
if request["measurement"] is not None:
    measurement = json.loads(request["measurement"])
    if "neuron_id" not in measurement:
        measurement = dict(measurement)
        measurement["neuron_id"] = neuron_id

items = []
if request["mode"] in ("standard", "both"):
    filename = f"{stem}.CNG.swc"
    items.append({"kind": "standard", "url": standard_url, "filename": filename, "path": filename,
                  "downloaded_now": True, "reason": None})
if request["mode"] in ("original", "both"):
    if reason is not None:
        items.append({"kind": "original", "url": "", "filename": stem, "path": stem,
                      "downloaded_now": False, "reason": reason})
    else:
        filename = f"{stem}{suffix}"
        items.append({"kind": "original", "url": original_url, "filename": filename, "path": filename,
                      "downloaded_now": True, "reason": None})

metadata = {
    "neuron_id": neuron_id,
    "neuron_name": name,
    "archive": archive,
    "species": payload.get("species"),
    "brain_region": as_list(payload.get("brain_region")),
    "cell_type": as_list(payload.get("cell_type")),
    "original_format": original_format,
    "thumbnail_url": https(png_url) if png_url else None,
    "standard_swc_url": standard_url,
    "original_file_url": original_url,
    "measurement_url": measurement_url,
    "links": payload.get("_links", {}),
    "neuron": payload,
    "measurement": measurement,
    "download_mode": request["mode"],
    "download_items": items,
}
sys.stdout.write(json.dumps(metadata, indent=2, sort_keys=True))
`;

export interface ReferenceRequest {
  /** The neuron payload exactly as upstream sent it. */
  neuron: string;
  /** The morphometry payload as sent, or null for none. */
  measurement: string | null;
  mode: 'standard' | 'original' | 'both';
  /** The site the files and API are on, e.g. the replica's `http://127.0.0.1:port`. */
  site: string;
}

export function referenceMetadata(request: ReferenceRequest): string {
  const input = JSON.stringify({
    neuron: request.neuron,
    measurement: request.measurement,
    mode: request.mode,
    files_base: `${request.site}/dableFiles`,
    api_base: `${request.site}/api`,
  });
  return execFileSync('python3', ['-c', ORACLE], { input, encoding: 'utf8' });
}
