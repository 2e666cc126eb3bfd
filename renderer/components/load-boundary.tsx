import { Component, type ReactNode } from 'react';
import { displayText } from '../../shared/display-text.ts';

// Parts of the window that load on demand (the post-mortem editor, the graph, the panels other than
// Incidents) must never take the rest of the window - the pager - down with them if their code cannot
// be loaded or they fail: this boundary shows the error in their place.

interface Props {
  /** What failed, as the start of a sentence: "The post-mortem editor". */
  what: string;
  /** What is still safe, said after the error. */
  reassurance: string;
  testId: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class LoadBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error" role="alert" data-testid={this.props.testId}>
        {this.props.what} could not be shown: {displayText(this.state.error.message, 400).text}. {this.props.reassurance}{' '}
        {/* A chunk that failed to load stays failed until the page loads again; every state is in the core. */}
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the window
        </button>
      </div>
    );
  }
}
