/**
 * Self time of a .cpuprofile (written by warm-gateway.ts with PROFILE=path, or node --cpu-prof) grouped by component (which package or which gateway folder a sample's
 * function lives in), top components and top functions, as a markdown table.
 *   node --import tsx bench/profile/summarize-cpu-profile.ts /tmp/prof/CPU.*.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The component a function belongs to: a package name, a src/ folder, node internals, or the VM. */
function componentOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const src = /\/src\/(.+)$/.exec(url);
  if (src) return `src/${(src[1] as string).split('/').slice(0, -1).join('/')}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.split('/').slice(-2).join('/');
}

const file = process.argv[2];
if (!file) throw new Error('usage: summarize-cpu-profile.ts <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const byComponent = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  if (!node) return;
  const dt = profile.timeDeltas[i] ?? 0;
  const { url, functionName, lineNumber } = node.callFrame;
  if (functionName === '(idle)') return;
  total += dt;
  const component = componentOf(url, functionName);
  byComponent.set(component, (byComponent.get(component) ?? 0) + dt);
  const where = url.includes('/src/') ? url.slice(url.lastIndexOf('/src/') + 1) : component;
  const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
});
const table = (rows: Map<string, number>, label: string) => {
  console.log(`| ${label} | self ms | % of busy |\n|---|---:|---:|`);
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`| ${name} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} |`);
  console.log('');
};
console.log(`busy (non-idle) time: ${(total / 1000).toFixed(0)} ms\n`);
table(byComponent, 'component');
table(byFunction, 'function');
