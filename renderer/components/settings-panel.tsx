import { useSetSourceCredential, useSettings, useUpdateSettings } from '../state/settings-query.ts';
import { IdentitySettings } from './identity-settings.tsx';
import { PollSettings } from './poll-settings.tsx';
import { PolicySettings } from './policy-settings.tsx';
import { SafeText } from './safe-text.tsx';
import { SourceSettings } from './source-settings.tsx';

export function SettingsPanel() {
  const settings = useSettings();
  // One save per form, owned here: a successful save changes the settings, which remounts the
  // form (see the keys below), and the "Saved." / error state must survive that.
  const saveIdentity = useUpdateSettings();
  const saveSources = useUpdateSettings();
  const savePolicy = useUpdateSettings();
  const savePoll = useUpdateSettings();
  const saveCredential = useSetSourceCredential();
  return (
    <section className="panel settings" data-testid="settings" aria-label="Settings">
      <h2 className="section-title">Settings</h2>
      {settings.isPending ? <p className="muted">Loading settings…</p> : null}
      {settings.isError ? (
        <p className="error" data-testid="settings-load-error" role="alert">
          Could not load the settings: <SafeText value={settings.error.message} limit={500} />
        </p>
      ) : null}
      {settings.data ? (
        <>
          <p className="muted" data-testid="settings-config-source">
            {settings.data.configSource ? (
              <>
                Configuration file: <SafeText value={settings.data.configSource} limit={300} />
              </>
            ) : (
              'No configuration file: changes are kept by the app.'
            )}
          </p>
          {/* Each form starts from the saved values and starts over when they change (the key), so
              a save elsewhere - another window, the identity picker - never leaves a stale draft. */}
          <IdentitySettings key={`me:${JSON.stringify(settings.data.me)}`} me={settings.data.me} save={saveIdentity} />
          <SourceSettings key={`sources:${JSON.stringify(settings.data.sources)}`} settings={settings.data} save={saveSources} credentialSave={saveCredential} />
          <PolicySettings key={`policy:${JSON.stringify(settings.data.policy)}`} settings={settings.data} save={savePolicy} />
          <PollSettings key={`poll:${settings.data.pollIntervalMs}`} pollIntervalMs={settings.data.pollIntervalMs} save={savePoll} />
        </>
      ) : null}
    </section>
  );
}
