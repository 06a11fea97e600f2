import { SeededRandom } from './random.ts';

/** A number Connect could offer: what SearchAvailablePhoneNumbers lists. */
export type InventoryNumber = {
  readonly PhoneNumber: string;
  readonly PhoneNumberCountryCode: string;
  readonly PhoneNumberType: string;
};

/** A numbering range: E.164 prefix, then `digits` random digits, the first of them at least `firstDigitMin`. */
type NumberRange = { readonly prefix: string; readonly digits: number; readonly firstDigitMin?: number };

type InventoryPlan = {
  readonly country: string;
  readonly type: 'DID' | 'TOLL_FREE';
  readonly count: number;
  readonly ranges: readonly NumberRange[];
};

/** NANP exchanges (the three digits after the area code) never start with 0 or 1. */
const nanp = (areaCode: string): NumberRange => ({ prefix: `+1${areaCode}`, digits: 7, firstDigitMin: 2 });

const US_TOLL_FREE = ['800', '833', '844', '855', '866', '877', '888'];
const US_AREA_CODES = [
  '201',
  '202',
  '206',
  '212',
  '213',
  '214',
  '303',
  '305',
  '310',
  '312',
  '404',
  '408',
  '415',
  '425',
  '503',
  '512',
  '602',
  '612',
  '617',
  '646',
  '702',
  '713',
  '718',
  '720',
  '773',
  '786',
  '818',
  '858',
  '917',
  '929',
];

/**
 * US TOLL_FREE and DID hold more than 1,000 numbers each (SPEC section 5); the other countries a
 * smaller set with plausible national formats. Toll-free NANP numbers are shared by the US and Canada,
 * so the Canadian toll-free set draws from the same prefixes and duplicates are skipped.
 */
const PLANS: readonly InventoryPlan[] = [
  { country: 'US', type: 'TOLL_FREE', count: 1200, ranges: US_TOLL_FREE.map(nanp) },
  { country: 'US', type: 'DID', count: 1200, ranges: US_AREA_CODES.map(nanp) },
  {
    country: 'CA',
    type: 'DID',
    count: 150,
    ranges: ['416', '647', '604', '778', '514', '613', '403'].map(nanp),
  },
  { country: 'CA', type: 'TOLL_FREE', count: 60, ranges: ['800', '888', '877'].map(nanp) },
  {
    country: 'GB',
    type: 'DID',
    count: 150,
    ranges: [
      { prefix: '+4420', digits: 8, firstDigitMin: 3 },
      { prefix: '+44161', digits: 7, firstDigitMin: 2 },
      { prefix: '+44121', digits: 7, firstDigitMin: 2 },
    ],
  },
  {
    country: 'GB',
    type: 'TOLL_FREE',
    count: 80,
    ranges: [
      { prefix: '+44800', digits: 7 },
      { prefix: '+44808', digits: 7 },
    ],
  },
  {
    country: 'DE',
    type: 'DID',
    count: 150,
    ranges: [
      { prefix: '+4930', digits: 8, firstDigitMin: 2 },
      { prefix: '+4989', digits: 8, firstDigitMin: 2 },
      { prefix: '+4940', digits: 8, firstDigitMin: 2 },
    ],
  },
  { country: 'DE', type: 'TOLL_FREE', count: 60, ranges: [{ prefix: '+49800', digits: 7 }] },
  {
    country: 'FR',
    type: 'DID',
    count: 120,
    ranges: [
      { prefix: '+331', digits: 8, firstDigitMin: 4 },
      { prefix: '+334', digits: 8, firstDigitMin: 2 },
    ],
  },
  { country: 'FR', type: 'TOLL_FREE', count: 50, ranges: [{ prefix: '+33805', digits: 6 }] },
  {
    country: 'AU',
    type: 'DID',
    count: 120,
    ranges: [
      { prefix: '+612', digits: 8, firstDigitMin: 8 },
      { prefix: '+613', digits: 8, firstDigitMin: 8 },
    ],
  },
  { country: 'AU', type: 'TOLL_FREE', count: 60, ranges: [{ prefix: '+611800', digits: 6 }] },
  {
    country: 'JP',
    type: 'DID',
    count: 100,
    ranges: [
      { prefix: '+813', digits: 8, firstDigitMin: 5 },
      { prefix: '+816', digits: 8, firstDigitMin: 6 },
    ],
  },
  { country: 'JP', type: 'TOLL_FREE', count: 50, ranges: [{ prefix: '+81120', digits: 6 }] },
];

function drawNumber(random: SeededRandom, range: NumberRange): string {
  let digits = '';
  for (let i = 0; i < range.digits; i++) {
    const min = i === 0 ? (range.firstDigitMin ?? 0) : 0;
    digits += String(min + random.int(10 - min));
  }
  return range.prefix + digits;
}

/**
 * Every number the emulated Connect can offer, in search order. Deterministic for a seed: the same seed
 * yields the same numbers in the same order.
 */
export class Inventory {
  readonly numbers: readonly InventoryNumber[];
  readonly #byNumber: ReadonlyMap<string, InventoryNumber>;

  constructor(seed: number) {
    const random = SeededRandom.derive(seed, 'inventory');
    const byNumber = new Map<string, InventoryNumber>();
    for (const plan of PLANS) {
      let made = 0;
      while (made < plan.count) {
        const phoneNumber = drawNumber(random, random.pick(plan.ranges));
        if (byNumber.has(phoneNumber)) continue;
        byNumber.set(phoneNumber, {
          PhoneNumber: phoneNumber,
          PhoneNumberCountryCode: plan.country,
          PhoneNumberType: plan.type,
        });
        made++;
      }
    }
    this.numbers = random.shuffle([...byNumber.values()]);
    this.#byNumber = byNumber;
  }

  get(phoneNumber: string): InventoryNumber | undefined {
    return this.#byNumber.get(phoneNumber);
  }
}
