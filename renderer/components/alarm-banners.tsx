import type { IncidentView } from '../../shared/domain.ts';
import { ringingAlarms } from '../lib/urgency.ts';
import { useNow } from '../state/use-now.ts';
import { AlarmBanner } from './alarm-banner.tsx';

// A storm of hundreds of alarms must not push the rest of the page off screen.
const MAX_BANNERS = 20;

export function AlarmBanners({ incidents }: { incidents: readonly IncidentView[] }) {
  const now = useNow();
  const ringing = ringingAlarms(incidents);
  if (ringing.length === 0) return null;
  return (
    <div className="alarm-banners" data-testid="alarm-banners">
      {ringing.slice(0, MAX_BANNERS).map((incident) => (
        <AlarmBanner key={incident.key} incident={incident} now={now} />
      ))}
      {ringing.length > MAX_BANNERS ? (
        <p className="alarm-banners__more" data-testid="alarm-banners-more">
          +{ringing.length - MAX_BANNERS} more ringing alarms in the incident list
        </p>
      ) : null}
    </div>
  );
}
