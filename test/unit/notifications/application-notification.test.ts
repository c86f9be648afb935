import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ClientSecretExpiryNotificationSchema,
  ClientSecretNewSecretNotificationSchema,
  MalformedApplicationNotification,
  NotificationMetadataSchema,
  parseApplicationNotification,
} from '../../../shared/notifications/application-notification';
import { secretVersionIdOf } from '../../../shared/notifications/client-secret-rotation';

const SECRET = 'amzn1.oa2-cs.v1.unit-test-secret-0123456789abcdef';
const newSecret = (overrides: Record<string, unknown> = {}) => ({
  notificationVersion: '1.0',
  notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
  payloadVersion: '2023-11-30',
  eventTime: '2026-11-02T15:30:00.000Z',
  payload: {
    applicationOAuthClientNewSecret: {
      clientId: 'amzn1.application-oa2-client.abc123',
      newClientSecret: SECRET,
      newClientSecretExpiryTime: '2027-05-01T15:30:00Z',
      oldClientSecretExpiryTime: '2026-11-09T15:30:00Z',
      ...overrides,
    },
  },
  notificationMetadata: {
    applicationId: 'amzn1.sp.solution.abc',
    publishTime: '2026-11-02T15:30:01Z',
    notificationId: '5e2f0b1c-7a4d-4e3b-9c8a-1f2e3d4c5b6a',
  },
});

describe('application notification schemas', () => {
  // The official notification schemas all share one envelope; ours must require the same fields.
  const official = JSON.parse(
    readFileSync(
      path.join(__dirname, '../../../shared/notifications/models/ReportProcessingFinishedNotification.json'),
      'utf8',
    ),
  ) as { required: string[]; properties: { notificationMetadata: { required: string[] } } };

  const required = (schema: { shape: Record<string, { isOptional(): boolean }> }) =>
    Object.entries(schema.shape)
      .filter(([, field]) => !field.isOptional())
      .map(([name]) => name)
      .sort();

  it('require the envelope of the official schema files', () => {
    expect(required(ClientSecretNewSecretNotificationSchema)).toEqual([...official.required].sort());
    expect(required(ClientSecretExpiryNotificationSchema)).toEqual([...official.required].sort());
    // subscriptionId is optional for application notifications (they have no subscription).
    expect([...required(NotificationMetadataSchema), 'subscriptionId'].sort()).toEqual(
      [...official.properties.notificationMetadata.required].sort(),
    );
  });
});

describe('parseApplicationNotification', () => {
  it('reads a new secret with canonical times', () => {
    expect(parseApplicationNotification(JSON.stringify(newSecret()))).toEqual({
      type: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
      secret: {
        eventId: '5e2f0b1c-7a4d-4e3b-9c8a-1f2e3d4c5b6a',
        eventTime: '2026-11-02T15:30:00.000Z',
        clientId: 'amzn1.application-oa2-client.abc123',
        newClientSecret: SECRET,
        newClientSecretExpiryTime: '2027-05-01T15:30:00.000Z',
        oldClientSecretExpiryTime: '2026-11-09T15:30:00.000Z',
      },
    });
  });

  it('refuses a malformed body naming the fields, never a value', () => {
    const attempt = () =>
      parseApplicationNotification(JSON.stringify(newSecret({ newClientSecretExpiryTime: SECRET })));
    expect(attempt).toThrow(MalformedApplicationNotification);
    expect(attempt).toThrow(/newClientSecretExpiryTime/);
    expect(attempt).not.toThrow(SECRET);
    expect(() => parseApplicationNotification('not json')).toThrow(/not JSON/);
    expect(() =>
      parseApplicationNotification(JSON.stringify({ notificationType: 'ANY_OFFER_CHANGED' })),
    ).toThrow(/not a client-secret notification/);
  });

  it('keys a rotation version by client and expiry, the same on every delivery', () => {
    const version = secretVersionIdOf('client', '2027-05-01T15:30:00.000Z');
    expect(version).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(secretVersionIdOf('client', '2027-05-01T15:30:00.000Z')).toBe(version);
    expect(secretVersionIdOf('client', '2027-11-01T15:30:00.000Z')).not.toBe(version);
  });
});
