import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { t } from '../i18n';
import { App } from './App';
import { library } from './library';
import { startInBrowser } from './library/browser';

const render = () => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The saved graph is read before the first render, so the canvas never shows a graph that is then replaced.
startInBrowser(library).then(render, (error: unknown) => {
  render();
  library.state.setState({ save: { kind: 'failed', text: t('library.loadFailed', { detail: error instanceof Error ? error.message : String(error) }) } });
});
