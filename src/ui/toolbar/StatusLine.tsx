import { useEditor } from '../store';

/** The latest message: what just happened (info) or why something was refused (error, announced as an alert). */
export function StatusLine() {
  const status = useEditor((s) => s.status);
  return (
    <div className="status-slot">
      {status !== undefined && (
        <div key={status.serial} className={`status status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} title={status.text}>
          {status.text}
        </div>
      )}
    </div>
  );
}
