// Files dropped anywhere on the thread and its composer go to the composer.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import './attachments.css';

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

export function AttachmentDropZone({
  onFiles,
  children,
  className,
}: {
  onFiles(files: File[]): void;
  children: ReactNode;
  className?: string;
}) {
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed: count them
  const depth = useRef(0);
  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}${className ? ` ${className}` : ''}`}
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles([...e.dataTransfer.files]);
      }}
    >
      {children}
      {over ? (
        <div className="drop-zone-hint" aria-hidden="true">
          Drop files to attach them
        </div>
      ) : null}
    </div>
  );
}
