import { Component, type ReactNode } from 'react';
import { displayText } from '../lib/display-text.ts';

// The post-mortem editor loads on demand and is the heaviest part of the window. If it fails
// (its code cannot be loaded, a bug), it must never take the rest of the window - the pager -
// down with it: this boundary shows the error in its place.

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class PostMortemBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error" role="alert" data-testid="postmortem-failed">
        The post-mortem editor could not be shown: {displayText(this.state.error.message, 400).text}. Alarms and incidents are not affected; the draft is safe on disk.{' '}
        {/* A chunk that failed to load stays failed until the page loads again; every state is in the core. */}
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the window
        </button>
      </div>
    );
  }
}
