/** How a setting's value is read and checked: shared by the readers of every area, not exported by the folder. */
import { MissingSettingError, type Environment, type EnvName } from './settings';

/** An absolute http(s) URL. Plain `URL` parsing: settings are read at every cold start, so no schema library here. */
function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export function read(env: Environment, name: EnvName): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

export function required(env: Environment, name: EnvName): string {
  const value = read(env, name);
  if (value === undefined) throw new MissingSettingError(name, 'is required but not set');
  return value;
}

export function urlSetting(env: Environment, name: EnvName, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!isHttpUrl(value)) throw new MissingSettingError(name, 'must be an http(s) URL');
  return value.replace(/\/+$/, '');
}
