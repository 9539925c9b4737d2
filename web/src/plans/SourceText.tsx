// The document's normalized text, with the source span of the selected item marked and scrolled to.
// Spans are [start, end) character positions in exactly this text (the document engine's contract).
import { useEffect, useRef } from 'react';

export type Span = [number, number];

export function SourceText({ text, span, height = 'calc(100vh - 260px)' }: { text: string; span: Span | null; height?: number | string }) {
  const box = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLElement>(null);

  useEffect(() => {
    const container = box.current;
    const target = mark.current;
    if (!container || !target) return;
    // Scroll only the text panel (not the page): the mark a third of the way down. The panel is
    // position: relative, so it is the mark's offsetParent and offsetTop is inside the panel.
    const top = target.offsetTop - container.clientHeight / 3;
    container.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
  }, [span]);

  const valid = span && span[0] >= 0 && span[1] <= text.length && span[0] < span[1] ? span : null;
  return (
    <div
      ref={box}
      data-testid="source-text"
      style={{
        position: 'relative',
        height,
        overflowY: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        lineHeight: 1.9,
        fontSize: 15,
        padding: '12px 16px',
        background: '#fbfbf8',
        border: '1px solid #f0f0f0',
        borderRadius: 4,
        color: '#262626',
      }}
    >
      {valid ? (
        <>
          {text.slice(0, valid[0])}
          <mark ref={mark} data-testid="source-highlight" style={{ background: '#ffe58f', padding: '1px 0', borderRadius: 2, boxShadow: '0 0 0 2px #ffe58f' }}>
            {text.slice(valid[0], valid[1])}
          </mark>
          {text.slice(valid[1])}
        </>
      ) : (
        text
      )}
    </div>
  );
}
