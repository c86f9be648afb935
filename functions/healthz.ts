import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';

export const handler = httpHandler('Healthz', async () => json(200, { status: 'ok' }));
