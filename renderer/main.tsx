import { connectEarly } from './api/get-vigil-api.ts';
import { afterNextPaint } from './lib/next-frame.ts';
// Here, not in the app's chunk: index.html links it in its head, so the first frame is painted styled.
import './styles.css';

// The page's entry, kept small. The event socket opens first, so the host builds and sends the
// first snapshot while the app's script loads. The app (mount-app.tsx, React and the views) is
// evaluated only once the page's first frame is painted: the host serves index.html with the
// incidents already in it (shared/first-frame-html.ts), and evaluating the app's script first
// would hold that frame back by its evaluation time (150-250 ms in a cold window here). index.html
// preloads the app's chunk (vite.config.ts), so it is fetched and parsed meanwhile.
connectEarly();
afterNextPaint(() => {
  import('./mount-app.tsx')
    .then(({ mountApp }) => mountApp())
    .catch((error: unknown) => {
      // The first frame would stay up looking live: say that the window failed instead.
      document.body.textContent = `Vigil's window failed to start: ${String(error)}. Reload the window (Ctrl+R).`;
      throw error;
    });
});
