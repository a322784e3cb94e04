import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard's build: two pages (the duty desk and the responder's phone page), Preact through esbuild's JSX
// transform (no Babel plugin needed), output in dashboard/dist, which the gateway serves. No inline scripts or
// styles come out of it, so the gateway's CSP (script-src 'self', style-src 'self') holds.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: false,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // `npm run dev:dashboard`: Vite's dev server with hot reload, talking to a gateway started with `npm start`.
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Vite's polyfill is injected as a module, not inline; modern Chromium needs none of it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: { desk: here('./index.html'), responder: here('./responder.html') },
      // What both pages load, under names that say so (Rollup would name the chunk after one of its modules).
      output: {
        manualChunks: (id) => (id.includes('/node_modules/') ? 'vendor' : id.includes('/src/shared/') ? 'shared' : undefined),
      },
    },
  },
});
