import type { SandboxApp } from './types';

/** The registered SP-API applications (what Solution Provider Portal holds), checked once at start. */
export class AppRegistry {
  private readonly byApplicationId = new Map<string, SandboxApp>();
  private readonly byClientId = new Map<string, SandboxApp>();

  constructor(apps: readonly SandboxApp[]) {
    for (const app of apps) {
      validateApp(app);
      if (this.byApplicationId.has(app.applicationId)) {
        throw new Error(`Duplicate applicationId ${app.applicationId}`);
      }
      if (this.byClientId.has(app.clientId))
        throw new Error(`Duplicate LWA clientId for ${app.applicationId}`);
      const copy: SandboxApp = { ...app, redirectUris: [...app.redirectUris] };
      this.byApplicationId.set(app.applicationId, copy);
      this.byClientId.set(app.clientId, copy);
    }
  }

  find(applicationId: string | undefined): SandboxApp | undefined {
    return applicationId === undefined ? undefined : this.byApplicationId.get(applicationId);
  }

  /** The first registered app (the control surface's default). */
  first(): SandboxApp | undefined {
    return this.byApplicationId.values().next().value;
  }

  findByClientId(clientId: string): SandboxApp | undefined {
    return this.byClientId.get(clientId);
  }
}

function validateApp(app: SandboxApp): void {
  const label = app.applicationId || '(missing applicationId)';
  if (!app.applicationId || !app.clientId || !app.clientSecret) {
    throw new Error(`App ${label}: applicationId, clientId and clientSecret are required`);
  }
  if (app.redirectUris.length === 0) throw new Error(`App ${label}: at least one redirect URI is required`);
  for (const uri of [...app.redirectUris, ...(app.loginUri ? [app.loginUri] : [])]) {
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      throw new Error(`App ${label}: ${uri} is not an absolute URL`);
    }
    if (parsed.hash || uri.includes('#')) throw new Error(`App ${label}: ${uri} must not contain a fragment`);
  }
}
