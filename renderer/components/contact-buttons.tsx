import type { PersonView } from '../../shared/domain.ts';
import { contactLinks } from '../lib/contact-links.ts';
import { LinkButton } from './link-button.tsx';

const KIND_TEXT = { phone: 'Call', email: 'Email', slack: 'Slack' } as const;

/** tel:, mailto: and Slack buttons for one person; each goes through api.openLink. */
export function ContactButtons({ person }: { person: PersonView }) {
  const links = contactLinks(person);
  if (links.length === 0) return <span className="muted">no contact details</span>;
  return (
    <span className="contact-buttons" data-testid="contact-buttons" data-handle={person.handle}>
      {links.map((link) => (
        <LinkButton key={link.kind} url={link.url} label={KIND_TEXT[link.kind]} testId={`contact-${link.kind}`} />
      ))}
    </span>
  );
}
