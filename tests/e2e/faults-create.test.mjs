// eMoney refusing at create (429 with Retry-After, 503, 401): its row of the
// fault matrix, in support/faults.mjs.
import { REFUSED, faultSuite } from './support/faults.mjs';

faultSuite('create', REFUSED);
