import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
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

export default defineConfig({
  plugins: [
    preact(),
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
