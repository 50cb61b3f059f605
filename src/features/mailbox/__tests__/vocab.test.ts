import * as contract from '@contract/mailbox.schema';
import { LETTER_BODY_MAX, LETTER_PHOTOS_MAX } from '../vocab';

// The app imports the contract as types only; the limits it mirrors must stay the contract's.
it('mirrors the contract’s letter limits', () => {
  expect({ LETTER_BODY_MAX, LETTER_PHOTOS_MAX }).toEqual({
    LETTER_BODY_MAX: contract.LETTER_BODY_MAX,
    LETTER_PHOTOS_MAX: contract.LETTER_PHOTOS_MAX,
  });
});
