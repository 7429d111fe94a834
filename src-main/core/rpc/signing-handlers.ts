/** Handlers of the signing contract additions (methods-signing.ts), spread into core-handlers.ts. */
import type { Handlers } from '../../../src-shared/contract/handlers';
import type { SIGNING_METHODS } from '../../../src-shared/contract/methods-signing';
import type { CoreContext } from '../core-context';

type SigningHandlers = Pick<Handlers<CoreContext>, keyof typeof SIGNING_METHODS>;

export function createSigningHandlers(): SigningHandlers {
  return {
    'signing.getSettings': (_p, ctx) => ctx.signing.getSettings(),
    'signing.setTsaUrl': (p, ctx) => ctx.signing.setTsaUrl(p.url),
    'signing.timestamps': (_p, ctx) => ctx.signing.timestamps(),
    'signing.retryTimestamps': (_p, ctx) => ctx.signing.retryTimestamps(),
  };
}
