import { useModal } from '../shell/Dialog';

const SHORTCUTS: [string, string][] = [
  ['j', 'Next conversation'],
  ['k', 'Previous conversation'],
  ['r', 'Reply: go to the message box'],
  ['e', 'Close the conversation'],
  ['?', 'Show these shortcuts'],
];

/** The inbox's keyboard shortcuts, on the native <dialog> (Escape closes it, focus returns). */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { dialogProps, titleId } = useModal(onClose);
  return (
    <dialog {...dialogProps}>
      <h2 id={titleId} className="dialog-title">
        Keyboard shortcuts
      </h2>
      <dl className="dialog-body shortcuts">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="dialog-body muted">Shortcuts do nothing while you type in a field.</p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
