import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves this build at `/` (apps/api/src/portal); in development `vite` proxies the API.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every first load is budgeted (200 KB gzipped for public pages, test/portal/budget); the
    // console and the complaint form are separate chunks loaded when visited.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': process.env.VITE_API_ORIGIN ?? 'http://127.0.0.1:3000' },
  },
});
