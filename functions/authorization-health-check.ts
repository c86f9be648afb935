import { NotImplemented } from '../shared/errors';

// Built by the revocation issue; the schedule is wired, and the invocation fails visibly until then.
export const handler = async (): Promise<never> => {
  throw new NotImplemented('The authorization health check');
};
