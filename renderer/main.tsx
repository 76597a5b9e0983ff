import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { start } from './app/start';
import './styles/theme.css';
import './styles/base.css';
import './styles/frame.css';
import './styles/panels.css';
import './styles/trading.css';
import './styles/portfolio.css';
import './styles/tasks.css';

start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
