// Entry point: reads the CSP style nonce, starts i18n, and mounts the application.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import './app.css';
import './i18n';
import App from './App';
import { readStyleNonce, stampStyleElements } from './nonce';

const nonce = readStyleNonce();
if (nonce) stampStyleElements(nonce);

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App nonce={nonce} />
    </StrictMode>,
  );
}
