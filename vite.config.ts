import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app: Vite root is web/, the build goes to dist/web, which the server serves at `/`.
// React and ECharts go into their own chunks so that an app change does not invalidate them in caches.
const chunkGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 30 },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
  // antd and the rest are left to the bundler's own splitting, so that a page downloads only the
  // components it uses (the sign-in page needs a form, not tables, date pickers and uploads)
];

export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: chunkGroups },
      },
    },
  },
  server: {
    // `npx vite` during development: the API is the platform server on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
