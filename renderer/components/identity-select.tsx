import type { PersonView } from '../../shared/domain.ts';
import { displayText } from '../../shared/display-text.ts';
import { useSetIdentity } from '../state/settings-query.ts';
import { SafeText } from './safe-text.tsx';

/** "Choose who I am": pick a person from the rotation; the core stores it as my identity. */
export function IdentitySelect({ people, myId }: { people: readonly PersonView[]; myId: string }) {
  const setIdentity = useSetIdentity();
  const known = people.some((person) => person.handle === myId);
  return (
    <div className="identity-select">
      <label>
        Choose who I am{' '}
        <select
          data-testid="identity-select"
          value={known ? myId : ''}
          disabled={setIdentity.isPending}
          onChange={(event) => {
            const person = people.find((p) => p.handle === event.target.value);
            if (person) setIdentity.mutate({ id: person.handle, name: person.name });
          }}
        >
          {known ? null : <option value="">{displayText(`${myId} (not in the rotation)`, 120).text}</option>}
          {people.map((person) => (
            <option key={person.handle} value={person.handle}>
              {displayText(`${person.name} (${person.handle})`, 160).text}
            </option>
          ))}
        </select>
      </label>
      {setIdentity.isError ? (
        <span className="error" data-testid="identity-error" role="alert">
          {' '}
          <SafeText value={setIdentity.error.message} limit={300} />
        </span>
      ) : null}
    </div>
  );
}
