// eMoney's answer lost at policies (a timeout, a closed connection; the work
// was done): its row of the fault matrix, in support/faults.mjs.
import { LOST, faultSuite } from './support/faults.mjs';

faultSuite('policies', LOST);
