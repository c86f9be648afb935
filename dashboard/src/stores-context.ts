import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Store, StoresResponse } from './api/types';
import type { ResourceState } from './hooks/use-resource';

/** The caller's stores, loaded once by the shell and shared by the stores list and every store page. */
export interface StoresContextValue {
  readonly state: ResourceState<StoresResponse>;
  readonly reload: () => void;
  /** Applies a change the API confirmed (a disconnect) to the loaded list, so every view shows it at once. */
  readonly update: (change: (data: StoresResponse) => StoresResponse) => void;
  /** The API says so, else the access token's `cognito:groups` (a UI hint only; the API enforces it). */
  readonly isAdmin: boolean;
}

export const StoresContext = createContext<StoresContextValue | null>(null);

export function useStores(): StoresContextValue {
  const value = useContext(StoresContext);
  if (value === null) throw new Error('useStores outside StoresContext');
  return value;
}

export function findStore(state: ResourceState<StoresResponse>, storeId: string): Store | undefined {
  return state.status === 'ready' ? state.data.stores.find((store) => store.storeId === storeId) : undefined;
}
