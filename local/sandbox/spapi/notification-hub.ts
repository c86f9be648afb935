import { randomUUID } from 'node:crypto';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { GrantKey } from '../authorizations';
import { sellerKey } from '../data/sellers';
import type { SandboxRegion } from '../types';
import { SpApiError } from './errors';

// What Amazon keeps behind the Notifications API: destinations and subscriptions per region endpoint, Developer
// Central's application queues, the sellers' account statuses, and delivery of notifications to SQS destinations on
// the local SQS emulator. Notification bodies use the envelope every official notification schema requires;
// ACCOUNT_STATUS_CHANGED names the subscription, never the seller, as Amazon's does. The API itself is in
// notifications.ts.

export const ACCOUNT_STATUSES = ['NORMAL', 'AT_RISK', 'DEACTIVATED'] as const;
export type SandboxAccountStatus = (typeof ACCOUNT_STATUSES)[number];

interface Destination {
  readonly destinationId: string;
  readonly applicationId: string;
  readonly region: SandboxRegion;
  readonly name: string;
  readonly arn: string;
}

interface Subscription {
  readonly subscriptionId: string;
  readonly notificationType: string;
  readonly payloadVersion: string;
  readonly destinationId: string;
  readonly grant: GrantKey;
}

/** Destinations, subscriptions, Developer Central's app queues, and delivery to the SQS emulator. */
export class NotificationHub {
  private readonly destinations = new Map<string, Destination>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly applicationQueues = new Map<string, string>();
  private readonly accountStatuses = new Map<string, SandboxAccountStatus>();
  private sqs: SQSClient | undefined;
  /** Bodies delivered, newest last (for tests: no secret is ever printed; callers read them on purpose). */
  readonly delivered: Array<{ queueArn: string; body: string }> = [];

  /** Where the SQS destinations live: the local SQS emulator. */
  useSqsEndpoint(endpoint: string): void {
    this.sqs?.destroy();
    this.sqs = new SQSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
  }

  /** What registering a queue in Developer Central does: application notifications go there. */
  registerApplicationQueue(applicationId: string, queueArn: string): void {
    this.applicationQueues.set(applicationId, queueArn);
  }

  applicationQueueOf(applicationId: string): string | undefined {
    return this.applicationQueues.get(applicationId);
  }

  async deliver(queueArn: string, notification: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(notification);
    if (this.sqs === undefined)
      throw new Error('The sandbox has no SQS endpoint to deliver notifications to');
    const queueName = queueArn.split(':').at(-1) ?? '';
    const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    await this.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    this.delivered.push({ queueArn, body });
  }

  createDestination(applicationId: string, region: SandboxRegion, name: string, arn: string): Destination {
    const existing = [...this.destinations.values()].find(
      (item) => item.applicationId === applicationId && item.region === region && item.arn === arn,
    );
    if (existing !== undefined)
      throw new SpApiError(
        409,
        'Conflict',
        'A destination with this resource already exists.',
        existing.destinationId,
      );
    const destination = { destinationId: randomUUID(), applicationId, region, name, arn };
    this.destinations.set(destination.destinationId, destination);
    return destination;
  }

  listDestinations(applicationId: string, region: SandboxRegion): Destination[] {
    return [...this.destinations.values()].filter(
      (item) => item.applicationId === applicationId && item.region === region,
    );
  }

  destination(applicationId: string, region: SandboxRegion, id: string): Destination | undefined {
    const destination = this.destinations.get(id);
    return destination?.applicationId === applicationId && destination.region === region
      ? destination
      : undefined;
  }

  deleteDestination(id: string): void {
    this.destinations.delete(id);
  }

  subscriptionOf(grant: GrantKey, notificationType: string): Subscription | undefined {
    return [...this.subscriptions.values()].find(
      (item) =>
        item.notificationType === notificationType &&
        item.grant.applicationId === grant.applicationId &&
        item.grant.sellingPartnerId === grant.sellingPartnerId &&
        item.grant.region === grant.region,
    );
  }

  subscribe(
    grant: GrantKey,
    notificationType: string,
    payloadVersion: string,
    destinationId: string,
  ): Subscription {
    if (this.subscriptionOf(grant, notificationType) !== undefined)
      throw new SpApiError(409, 'Conflict', 'A subscription for this notification type already exists.');
    const subscription = {
      subscriptionId: randomUUID(),
      notificationType,
      payloadVersion,
      destinationId,
      grant,
    };
    this.subscriptions.set(subscription.subscriptionId, subscription);
    return subscription;
  }

  subscriptionById(applicationId: string, region: SandboxRegion, id: string): Subscription | undefined {
    const subscription = this.subscriptions.get(id);
    return subscription?.grant.applicationId === applicationId && subscription.grant.region === region
      ? subscription
      : undefined;
  }

  deleteSubscription(id: string): void {
    this.subscriptions.delete(id);
  }

  /** Sellers subscribed to a type, for tests. */
  subscriptionsOf(notificationType: string): ReadonlyArray<Readonly<Subscription>> {
    return [...this.subscriptions.values()].filter((item) => item.notificationType === notificationType);
  }

  /**
   * What Amazon does when a seller's account status changes: one ACCOUNT_STATUS_CHANGED per subscription of the
   * seller in that region (one per app), to its destination. Answers how many were delivered.
   */
  async changeAccountStatus(
    sellingPartnerId: string,
    region: SandboxRegion,
    status: SandboxAccountStatus,
    now: Date,
  ): Promise<number> {
    const key = sellerKey(sellingPartnerId, region);
    const previous = this.accountStatuses.get(key) ?? 'NORMAL';
    this.accountStatuses.set(key, status);
    let delivered = 0;
    for (const subscription of this.subscriptionsOf('ACCOUNT_STATUS_CHANGED')) {
      if (subscription.grant.sellingPartnerId !== sellingPartnerId || subscription.grant.region !== region)
        continue;
      const destination = this.destinations.get(subscription.destinationId);
      if (destination === undefined) continue;
      await this.deliver(destination.arn, {
        notificationVersion: '1.0',
        notificationType: 'ACCOUNT_STATUS_CHANGED',
        payloadVersion: subscription.payloadVersion,
        eventTime: now.toISOString(),
        payload: {
          accountStatusChangeNotification: { previousAccountStatus: previous, currentAccountStatus: status },
        },
        notificationMetadata: {
          applicationId: subscription.grant.applicationId,
          subscriptionId: subscription.subscriptionId,
          publishTime: now.toISOString(),
          notificationId: randomUUID(),
        },
      });
      delivered += 1;
    }
    return delivered;
  }

  close(): void {
    this.sqs?.destroy();
  }
}
