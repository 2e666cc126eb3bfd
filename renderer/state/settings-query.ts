import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestArgs, SettingsPatch, SettingsView } from '../../shared/ipc-contract.ts';
import { useVigilApi } from './api-context.tsx';
import { settingsQueryKey } from './snapshot-query.ts';

export function useSettings() {
  const api = useVigilApi();
  return useQuery({ queryKey: settingsQueryKey, queryFn: () => api.getSettings({}), staleTime: Infinity, refetchOnWindowFocus: false });
}

/** Save a settings patch; the core validates it and a rejection's message is shown as is. */
export function useUpdateSettings() {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => api.updateSettings(patch),
    onSuccess: (view: SettingsView) => queryClient.setQueryData(settingsQueryKey, view),
  });
}

export type SettingsSave = ReturnType<typeof useUpdateSettings>;

export function useSetIdentity() {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (identity: { id: string; name?: string }) => api.setIdentity(identity),
    onSuccess: (view: SettingsView) => queryClient.setQueryData(settingsQueryKey, view),
  });
}

/** Set a source's token or password: write-only, the answer is the settings view (which only says a credential is set). */
export function useSetSourceCredential() {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestArgs<'setSourceCredential'>) => api.setSourceCredential(request),
    onSuccess: (view: SettingsView) => queryClient.setQueryData(settingsQueryKey, view),
  });
}

export type CredentialSave = ReturnType<typeof useSetSourceCredential>;
