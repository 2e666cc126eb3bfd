import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { useMutation } from '@tanstack/react-query';
import { memo, type ReactNode } from 'react';
import { displayText } from '../../shared/display-text.ts';
import { useVigilApi } from '../state/api-context.tsx';

// The draft rendered as the reader will see it. No raw HTML ever: without rehype-raw, react-markdown
// shows HTML in the Markdown (a hostile label, a note, a team template) as the text it is. Links go
// through the core's openLink allowlist, never a navigation of this window; images are not
// fetched (offline, and no tracking pixels), their text is shown instead.

function PreviewLink({ href, children }: { href?: string | undefined; children?: ReactNode }) {
  const api = useVigilApi();
  const open = useMutation({ mutationFn: (url: string) => api.openLink({ url }) });
  const target = displayText(href ?? '', 200).text;
  return (
    <button type="button" className="button--plain postmortem-preview__link" title={target} data-url={target} onClick={() => href && open.mutate(href)}>
      {children}
      <span className="postmortem-preview__href"> ({target})</span>
    </button>
  );
}

function PreviewImage({ alt, src }: { alt?: string | undefined; src?: unknown }) {
  return <span className="muted">[image: {displayText(`${alt ?? ''} ${typeof src === 'string' ? src : ''}`, 300).text}]</span>;
}

const COMPONENTS: Components = {
  a: ({ href, children }) => <PreviewLink href={href}>{children}</PreviewLink>,
  img: ({ alt, src }) => <PreviewImage alt={alt} src={src} />,
};

const REMARK_PLUGINS = [remarkGfm];

/** Memoized: the editor re-renders on every keystroke, the preview only when its (deferred) text changes. */
export const PostMortemPreview = memo(function PostMortemPreview({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="postmortem-preview" data-testid={testId}>
      <Markdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS}>
        {text}
      </Markdown>
    </div>
  );
});
