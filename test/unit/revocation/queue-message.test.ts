import {
  parseAmazonNotification,
  regionOfMarketplaceId,
} from '../../../shared/revocation/amazon-notification';
import { parseQueueMessage, PoisonMessage } from '../../../shared/revocation/queue-message';

const SELLER = 'A2LUMENCRAFT7Q';
const NOTIFICATION_ID = 'd0e9e693-c3ad-4373-979f-ed4ec98dd746';

/** The documented example (camelCase), with the seller and marketplace of the subscription. */
const camelCase = (status = 'DEACTIVATED', extra: Record<string, unknown> = {}) => ({
  notificationVersion: '1.0',
  notificationType: 'ACCOUNT_STATUS_CHANGED',
  payloadVersion: '2021-01-01',
  eventTime: '2026-11-20T19:42:04.284Z',
  payload: {
    accountStatusChangeNotification: {
      sellerId: SELLER,
      marketplaceId: 'ATVPDKIKX0DER',
      previousAccountStatus: 'NORMAL',
      currentAccountStatus: status,
    },
  },
  notificationMetadata: {
    applicationId: 'amzn1.sellerapps.app.f1234566-aaec-55a6-b123-bcb752069ec5',
    subscriptionId: '93b098e1-c42-2f45-93a1-78910a6a8369',
    publishTime: '2026-11-20T19:42:05.000Z',
    notificationId: NOTIFICATION_ID,
  },
  ...extra,
});

/** The same notification in the PascalCase envelope other notification types use. */
const pascalCase = (status = 'NORMAL') => ({
  NotificationVersion: '1.0',
  NotificationType: 'ACCOUNT_STATUS_CHANGED',
  PayloadVersion: '2021-01-01',
  EventTime: '2026-11-21T08:00:00Z',
  Payload: {
    SellerId: SELLER,
    MarketplaceId: 'A1PA6795UKMFR9',
    AccountStatusChangeNotification: { PreviousAccountStatus: 'DEACTIVATED', CurrentAccountStatus: status },
  },
  NotificationMetadata: { NotificationId: 'a1b2c3d4-0000-4000-8000-000000000001' },
});

describe('Amazon notifications on the revocation queue', () => {
  it('reads ACCOUNT_STATUS_CHANGED in camelCase', () => {
    const message = parseQueueMessage(JSON.stringify(camelCase()));

    expect(message).toEqual({
      kind: 'account-status',
      eventId: NOTIFICATION_ID,
      change: {
        notificationId: NOTIFICATION_ID,
        subscriptionId: '93b098e1-c42-2f45-93a1-78910a6a8369',
        eventTime: '2026-11-20T19:42:04.284Z',
        sellerId: SELLER,
        marketplaceId: 'ATVPDKIKX0DER',
        previousStatus: 'NORMAL',
        currentStatus: 'DEACTIVATED',
      },
    });
  });

  it('reads ACCOUNT_STATUS_CHANGED in PascalCase, seller and marketplace at the payload level', () => {
    const message = parseQueueMessage(JSON.stringify(pascalCase('AT_RISK')));

    expect(message).toMatchObject({
      kind: 'account-status',
      eventId: 'a1b2c3d4-0000-4000-8000-000000000001',
      change: {
        eventTime: '2026-11-21T08:00:00.000Z',
        sellerId: SELLER,
        marketplaceId: 'A1PA6795UKMFR9',
        previousStatus: 'DEACTIVATED',
        currentStatus: 'AT_RISK',
      },
    });
  });

  it('accepts lower-case status values and the "Changed" spelling of the payload object', () => {
    const body = camelCase();
    const { accountStatusChangeNotification: inner } = body.payload;
    const notification = parseAmazonNotification({
      ...body,
      payload: { accountStatusChangedNotification: { ...inner, currentAccountStatus: 'normal' } },
    });

    expect(notification).toMatchObject({
      type: 'ACCOUNT_STATUS_CHANGED',
      change: { currentStatus: 'NORMAL' },
    });
  });

  it('falls back to PublishTime without an EventTime, and to a digest of the body without a NotificationId', () => {
    const { eventTime: _eventTime, ...withoutTime } = camelCase();
    const body = { ...withoutTime, notificationMetadata: { publishTime: '2026-11-20T19:42:05Z' } };

    const first = parseQueueMessage(JSON.stringify(body));
    const again = parseQueueMessage(JSON.stringify(body));

    expect(first).toMatchObject({
      change: { eventTime: '2026-11-20T19:42:05.000Z', notificationId: undefined },
    });
    expect(first.kind === 'account-status' && first.eventId).toMatch(/^sha256-[0-9a-f]{40}$/);
    expect(again).toEqual(first);
  });

  it('acknowledges any other notification type, keeping only a safe rendering of the type', () => {
    const order = {
      NotificationType: 'ORDER_CHANGE',
      Payload: { OrderChangeNotification: { SellerId: SELLER } },
    };
    const odd = { notificationType: '<script>alert(1)</script>', payload: {} };

    expect(parseQueueMessage(JSON.stringify(order))).toEqual({
      kind: 'ignored-notification',
      notificationType: 'ORDER_CHANGE',
    });
    expect(parseQueueMessage(JSON.stringify(odd))).toEqual({
      kind: 'ignored-notification',
      notificationType: 'UNRECOGNISED',
    });
  });

  it.each([
    ['a body that is not JSON', 'Atzr|not-json'],
    ['JSON that is neither shape', JSON.stringify({ hello: 'world' })],
    ['an array', JSON.stringify([1, 2])],
    ['an account status without a status', JSON.stringify(camelCase('SOMETHING_ELSE'))],
    [
      'an account status without any time',
      JSON.stringify({ notificationType: 'ACCOUNT_STATUS_CHANGED', payload: camelCase().payload }),
    ],
    [
      'a revocation event with a bad store id',
      JSON.stringify({
        eventId: crypto.randomUUID(),
        storeId: 'x',
        source: 'disconnect',
        at: '2026-11-20T10:00:00Z',
      }),
    ],
    [
      'a revocation event with an unknown source',
      JSON.stringify({
        eventId: crypto.randomUUID(),
        storeId: `${SELLER}-NA`,
        source: 'whim',
        at: '2026-11-20T10:00:00Z',
      }),
    ],
    [
      'a revocation event with extra fields',
      JSON.stringify({
        eventId: crypto.randomUUID(),
        storeId: `${SELLER}-NA`,
        source: 'disconnect',
        at: '2026-11-20T10:00:00Z',
        refreshToken: 'Atzr|x',
      }),
    ],
  ])('refuses %s as a poison message whose error never repeats the body', (_case, body) => {
    let thrown: unknown;
    try {
      parseQueueMessage(body);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(PoisonMessage);
    expect((thrown as Error).message).not.toContain('Atzr');
    expect((thrown as Error).message).not.toContain(SELLER);
  });
});

describe('our own revocation events', () => {
  it('reads them, with the time made canonical so times compare as strings', () => {
    const eventId = crypto.randomUUID();
    const message = parseQueueMessage(
      JSON.stringify({
        eventId,
        storeId: `${SELLER}-NA`,
        source: 'disconnect',
        at: '2026-11-20T10:00:00Z',
        actorId: 'u-1',
      }),
    );

    expect(message).toEqual({
      kind: 'revocation',
      event: {
        eventId,
        storeId: `${SELLER}-NA`,
        source: 'disconnect',
        at: '2026-11-20T10:00:00.000Z',
        actorId: 'u-1',
      },
    });
  });
});

describe('regionOfMarketplaceId', () => {
  it('maps marketplace ids, never country codes', () => {
    expect(regionOfMarketplaceId('ATVPDKIKX0DER')).toBe('NA');
    expect(regionOfMarketplaceId('A1PA6795UKMFR9')).toBe('EU');
    expect(regionOfMarketplaceId('A1VC38T7YXB528')).toBe('FE');
    expect(regionOfMarketplaceId('US')).toBeUndefined();
  });
});
