import { connectEarly } from './api/get-vigil-api.ts';

// main.tsx imports this module first, so it runs before React and the app are evaluated: the
// event socket is opening, and the host building the first snapshot, meanwhile (under the
// headless host; the window's first second with 300 ringing incidents is mostly waiting).
connectEarly();
