import { partnershipAgreementDoc } from '../../../../shared/pooling.agreement';
import type { PmNode } from '../content/prose';

/**
 * A partnership agreement for pooling ("mutualisation") a programme between partners, with the
 * options of the regional ETP platform's guide (seeds/001) to tick. The text lives in
 * shared/pooling.agreement.ts: the pooling guide fills the same text when a partnership starts.
 */
export function partnershipAgreement(title: string): PmNode {
  return partnershipAgreementDoc(title);
}
