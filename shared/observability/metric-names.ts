/**
 * Names of the metrics our alarms watch, published (EMF) by any function: one definition for the code that counts
 * and the stack that alarms. Side-effect free, so the stack can import it at synth.
 */

/** An audit record could not be written (a read refused for it, or the record of a refused or failed access lost). */
export const AUDIT_WRITE_FAILED_METRIC = 'AuditWriteFailed';

/**
 * A revocation signal could not be queued (disconnect's follow-up, an invalid_grant seen by a read). The store is
 * refused either way; the alarm says the queue needs a look.
 */
export const REVOCATION_QUEUE_SEND_FAILED_METRIC = 'RevocationQueueSendFailed';

/**
 * A store session's IAM policy refused a call: work running for one store reached for another store's item or
 * token. Always a fault in our code (the access gate already passed); the caller got 403.
 */
export const STORE_ISOLATION_REFUSED_METRIC = 'StoreIsolationRefused';
