/**
 * Never a blank pane: a render error anywhere below shows what went wrong, with a retry that
 * re-mounts the subtree. `resetKey` changing (another view chosen) also clears the error.
 */
import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './ErrorPanel';

interface Props {
  children: ReactNode;
  resetKey?: string;
}

interface State {
  error: unknown;
  key: string | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('unknown error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown): void {
    console.error('edu-indicators pane:', error);
  }

  override render() {
    if (this.state.error !== undefined) {
      return <ErrorPanel error={this.state.error} onRetry={() => this.setState({ error: undefined })} />;
    }
    return this.props.children;
  }
}
