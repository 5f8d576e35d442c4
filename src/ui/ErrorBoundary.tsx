import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from './i18n';

interface Props {
  /** What failed: a key of crash.areas in the catalogs ("canvas", "training"); other words are shown as they are. */
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
        <p>{i18n.t('crash.message', { area: i18n.t(`crash.areas.${this.props.area}`, { defaultValue: this.props.area }), detail: this.state.error.message })}</p>
        <p className="muted">{i18n.t('crash.kept')}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>{i18n.t('crash.retry')}</button>
      </div>
    );
  }
}
