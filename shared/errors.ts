/**
 * Typed domain errors. The domain throws these; only the HTTP edge (shared/http) turns them into status codes,
 * and the message is written for the person who reads it: never an Amazon body, a token or a stack.
 */
export type ErrorCode =
  | 'BadRequest'
  | 'Unauthorized'
  | 'AccessDenied'
  | 'StoreNotFound'
  | 'StoreNotActive'
  | 'OperatorNotFound'
  | 'MemberNotFound'
  | 'LastOwner'
  | 'AuthorizationRevoked'
  | 'Throttled'
  | 'AmazonUnavailable'
  | 'AuditUnavailable'
  | 'ServiceUnavailable'
  | 'NotImplemented'
  | 'AdsNotConnected'
  | 'DatasetNotEnabled'
  | 'SettingsConflict'
  | 'Internal';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export class BadRequest extends DomainError {
  constructor(message: string) {
    super('BadRequest', message);
  }
}

export class AccessDenied extends DomainError {
  constructor(message = 'You do not have access to this store.') {
    super('AccessDenied', message);
  }
}

export class StoreNotFound extends DomainError {
  constructor() {
    super('StoreNotFound', 'No such store.');
  }
}

export class Throttled extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('Throttled', 'Amazon is rate-limiting this store; try again shortly.', { retryAfterSeconds });
  }
}

export class AmazonUnavailable extends DomainError {
  constructor(readonly retryAfterSeconds = 30) {
    super('AmazonUnavailable', 'Amazon did not answer in time; try again shortly.', { retryAfterSeconds });
  }
}

export class NotImplemented extends DomainError {
  constructor(what: string) {
    super('NotImplemented', `${what} is not built yet.`);
  }
}

export class OperatorNotFound extends DomainError {
  constructor() {
    super(
      'OperatorNotFound',
      'No operator has this email. They need a Mint Hub sign-in first; ask an admin to create one.',
    );
  }
}

export class MemberNotFound extends DomainError {
  constructor() {
    super('MemberNotFound', 'This person is not a member of the store.');
  }
}

export class LastOwnerError extends DomainError {
  constructor() {
    super('LastOwner', 'A store always keeps at least one owner: add another owner first.');
  }
}

/** One of our own AWS dependencies (DynamoDB, KMS, SQS, Cognito…) is down or throttling: try again shortly. */
export class ServiceUnavailable extends DomainError {
  constructor(
    readonly service: string,
    readonly retryAfterSeconds = 5,
    /** `configuration`: a permission, key, table, queue or secret is wrong; operators are alarmed. */
    readonly fault: 'outage' | 'configuration' = 'outage',
  ) {
    super('ServiceUnavailable', 'A service Mint Hub depends on did not answer; try again in a few seconds.', {
      retryAfterSeconds,
    });
  }
}

/** The store has no Amazon Ads link for this marketplace yet: an owner connects advertising first. */
export class AdsNotConnected extends DomainError {
  constructor() {
    super(
      'AdsNotConnected',
      'Advertising is not connected for this store and marketplace; an owner can connect it.',
    );
  }
}

/** The dataset is not live (MINT_HUB_DATASETS): it is neither served nor offered. */
export class DatasetNotEnabled extends DomainError {
  constructor(dataset: string) {
    super('DatasetNotEnabled', `The ${dataset} data is not enabled in this workspace.`, { dataset });
  }
}

/** The settings were saved by someone else since they were read: nothing was written; reload and try again. */
export class SettingsConflict extends DomainError {
  constructor() {
    super(
      'SettingsConflict',
      'Someone else saved these settings since you opened them. Reload to see their change, then save again.',
    );
  }
}
