import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { router } from './app';
import { SessionProvider } from './auth/session';
import './i18n/i18n';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </Suspense>
  </StrictMode>,
);
