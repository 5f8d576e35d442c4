import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, in the fallback's words ("the canvas", "the Training panel"). */
  area: string;
  children: ReactNode;
}

/** Catches a render error in one area so the rest of the page keeps working; "Try again" re-mounts it. */
export class ErrorBoundary extends Component<Props, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`gradflow: ${this.props.area} failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="crash" role="alert">
        <p>Something went wrong in {this.props.area}: {this.state.error.message}</p>
        <p className="muted">Your graph is kept (and autosaved).</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>Try again</button>
      </div>
    );
  }
}
