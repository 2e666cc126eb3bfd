import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { startAlertmanager, type RunningAlertmanager } from './start-alertmanager.ts';

// A real Alertmanager with the fault proxy in front of it: the setup most fault tests share.
export interface ProxiedAlertmanager {
  am: RunningAlertmanager;
  proxy: FaultProxy;
  stop(): Promise<void>;
}

export async function startProxiedAlertmanager(): Promise<ProxiedAlertmanager> {
  const am = await startAlertmanager();
  const proxy = await startFaultProxy(am.url);
  return {
    am,
    proxy,
    stop: async () => {
      await proxy.stop();
      await am.stop();
    },
  };
}
