import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// vitest's global setup: the browser suites test the dashboard the gateway serves, which is Vite's build in
// dashboard/dist. `npm ci` builds it (prepare); after a change to the dashboard's sources this builds it again, once,
// before any suite starts, so a test never runs against a stale page.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DASHBOARD = join(ROOT, 'dashboard');
const BUILT = join(DASHBOARD, 'dist', 'index.html');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function sourcesChangedSinceBuild(): boolean {
  if (!existsSync(BUILT)) return true;
  const sources = ['src', 'index.html', 'responder.html', 'vite.config.ts'].map((p) => join(DASHBOARD, p));
  const schemas = join(ROOT, 'schemas');
  return Math.max(...sources.map(newestChange), newestChange(schemas)) > statSync(BUILT).mtimeMs;
}

export default async function buildDashboardIfStale(): Promise<void> {
  if (!sourcesChangedSinceBuild()) return;
  console.log('[build-dashboard] dashboard sources changed since the last build: building dashboard/dist');
  const { build } = await import('vite');
  // Built beside and swapped in, so a gateway of another test run serving dist/ never sees it half empty.
  const fresh = join(DASHBOARD, `dist-${process.pid}`);
  await build({ configFile: join(DASHBOARD, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  rmSync(join(DASHBOARD, 'dist'), { recursive: true, force: true });
  renameSync(fresh, join(DASHBOARD, 'dist'));
}
