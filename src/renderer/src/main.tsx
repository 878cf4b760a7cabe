/** Renderer entry: find the host's API, build the store, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveApi } from './bridge/api';
import { App } from './components/App';
import { ControllerContext, StoreContext } from './components/context';
import { createAppStore } from './store/app-store';
import { createController } from './store/controller';
// The styles by area, in cascade order (each file continues where the one before ends).
import './styles/base.css';
import './styles/inbox.css';
import './styles/detail.css';
import './styles/queue.css';
import './styles/overlays.css';
import './styles/views.css';
import './layout.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const api = resolveApi();
if (!api) {
  root.render(
    <p className="splash">Open Admit from the link `npm run web` printed: it carries this launch’s key.</p>,
  );
} else {
  const store = createAppStore();
  const controller = createController(api, store);
  controller.start();
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <ControllerContext.Provider value={controller}>
          <App />
        </ControllerContext.Provider>
      </StoreContext.Provider>
    </StrictMode>,
  );
}
