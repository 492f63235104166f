import { describe, expect, it } from 'vitest';
import type { ErrorReply } from '../../electron/shared/error-catalogue';
import { placeRefusal } from '../../renderer/src/logic/credential-refusal';

describe('where a credentials dialog shows a refusal', () => {
  const refused: ErrorReply = { code: 'volumes.error.access-denied', params: {}, detail: 'list failed: volumes.error.access-denied (403)' };
  const unreachable: ErrorReply = { code: 'client.network', params: {}, detail: 'connect ECONNREFUSED' };

  it('puts a refused session beside the session token, whether or not the access token is asked too', () => {
    expect(placeRefusal(refused, ['sessionToken', 'sessionSecret'])).toEqual({ error: refused, field: 'sessionToken' });
    expect(placeRefusal(refused, ['accessToken', 'sessionToken', 'sessionSecret']).field).toBe('sessionToken');
  });

  it('puts anything else, or a refusal whose field is not shown, at the foot', () => {
    expect(placeRefusal(unreachable, ['sessionToken', 'sessionSecret'])).toEqual({ error: unreachable, field: null });
    expect(placeRefusal(new Error('boom'), ['sessionToken']).field).toBeNull();
    expect(placeRefusal(refused, ['accessToken']).field).toBeNull();
  });
});
