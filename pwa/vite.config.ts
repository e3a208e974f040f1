import preact from '@preact/preset-vite';
import { type Plugin, defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const API = process.env.DXNET_API ?? 'http://127.0.0.1:8000';

/** The dev server forwards the API; the Origin is rewritten so the API's CSRF check accepts it. */
const proxy = {
  target: API,
  changeOrigin: true,
  configure: (server: { on: (event: 'proxyReq', listener: (request: { setHeader: (name: string, value: string) => void }) => void) => void }) => {
    server.on('proxyReq', (request) => request.setHeader('origin', API));
  },
};

/**
 * `<link rel="modulepreload">` in index.html for the chunks of the screen most visits open
 * first (the home: the staff's day and the survey list), with the chunks they import: they
 * download beside the entry instead of after it has run (one round trip less on 3G).
 * They count in the initial JavaScript budget (scripts/budget.mjs reads index.html).
 */
function preloadFirstScreen(modules: string[]): Plugin {
  return {
    name: 'dxnet-preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle ?? {};
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const reach = (start: string[], into: Set<string>): Set<string> => {
          for (const file of start) {
            if (into.has(file)) continue;
            into.add(file);
            reach(byFile.get(file)?.imports ?? [], into);
          }
          return into;
        };
        const entry = reach(chunks.filter((c) => c.isEntry).map((c) => c.fileName), new Set());
        const first = chunks.filter((c) => modules.some((m) => c.facadeModuleId?.endsWith(m))).map((c) => c.fileName);
        if (first.length !== modules.length) throw new Error(`preloadFirstScreen: no chunk for one of ${modules.join(', ')}`);
        return [...reach(first, new Set())]
          .filter((file) => !entry.has(file))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preact(),
    preloadFirstScreen(['/src/start.tsx', '/src/screens/home.tsx', '/src/screens/survey-list.tsx']),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'DXNet — Mạng lưới chuyển đổi số',
        short_name: 'DXNet',
        description: 'Khảo sát hộ gia đình và công việc tại cơ sở, dùng được khi mất sóng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5394',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    target: 'es2020',
    sourcemap: false,
  },
  server: {
    proxy: { '/graphql': proxy, '/uploads': proxy },
  },
});
