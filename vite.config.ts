import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One build, two apps: the storefront (index.html, served at /) and the
// back-office (admin/index.html, served at /admin).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    rollupOptions: {
      input: { storefront: 'index.html', backoffice: 'admin/index.html' },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/admin/api': 'http://localhost:3000' },
  },
});
