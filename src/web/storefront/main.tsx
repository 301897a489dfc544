import '../ui/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionProvider } from './session';
import './base.css';
import './layout.css';
import './components.css';
import './conversations/conversations.css';
import './conversations/thread.css';
import '../ui/chat/chat.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
