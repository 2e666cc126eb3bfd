export function DemoBanner() {
  return (
    <p className="banner banner--demo" data-testid="demo-banner" role="note">
      <strong>Demo mode</strong> — no Vigil configuration was found, so a built-in scenario is running. Nothing here is real and no
      Alertmanager is contacted. Add a configuration file to watch your own alerts.
    </p>
  );
}
