import type { AuditLogEntry, StoreAuditRecord } from '../api/audit-contract';
import type { OperatorDirectory } from '../ports';
import { logger } from '../observability/powertools';

/**
 * Adds the operator's name and email (the user pool's) to each record an operator made, so the access log says
 * "Lin Chen · lin@…" rather than a UUID, and can be searched by either. Each distinct operator is looked up once
 * per page. A user the pool no longer has gets both null ("unknown user"); if the pool cannot be asked at all,
 * the records go out as they are (the access log matters more than the names) and the failure is logged.
 */
export async function withActorNames(
  directory: Pick<OperatorDirectory, 'getOperators'> | undefined,
  records: readonly StoreAuditRecord[],
): Promise<AuditLogEntry[]> {
  if (directory === undefined) return [...records];
  const ids = [...new Set(records.filter((r) => r.actor.type === 'operator').map((r) => r.actor.id))];
  if (ids.length === 0) return [...records];
  let people: Awaited<ReturnType<OperatorDirectory['getOperators']>>;
  try {
    people = await directory.getOperators(ids);
  } catch (error) {
    logger.warn('operator names could not be read for the access log', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    return [...records];
  }
  return records.map((record) => {
    if (record.actor.type !== 'operator') return record;
    const person = people.get(record.actor.id);
    return { ...record, actorName: person?.name ?? null, actorEmail: person?.email ?? null };
  });
}
