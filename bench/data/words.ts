// Text for generated rows: varied enough that bodies and names are not all
// the same length, cheap enough that 2,000,000 of them cost nothing.

export type Random = () => number;

/** mulberry32: a small seeded PRNG, so two runs generate the same data. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export const firstNames = [
  'Ann',
  'Ben',
  'Carla',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jon',
  'Kemal',
  'Lena',
  'Mia',
  'Noah',
  'Olga',
  'Pavel',
  'Rita',
  'Sam',
  'Tara',
  'Umar',
  'Vera',
  'Will',
  'Yuki',
  'Zoe',
];
export const lastNames = [
  'Adams',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hall',
  'Ito',
  'Jones',
  'Khan',
  'Lopez',
  'Meyer',
  'Nowak',
  'Olsen',
  'Patel',
  'Quinn',
  'Rossi',
  'Silva',
  'Tanaka',
  'Usman',
  'Vogel',
  'Wang',
  'Young',
];
const companyWords = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Wingtip',
  'Litware',
  'Proseware',
  'Adatum',
  'Lucerne',
  'Fourth Coffee',
  'Blue Yonder',
  'Alpine Ski',
];
const companySuffixes = ['Ltd', 'Inc.', 'GmbH', 'Supply', 'Industries', 'Trading', 'Group'];

export const companyName = (random: Random, n: number) => `${pick(random, companyWords)} ${pick(random, companySuffixes)} ${n}`;

export const subjects = [
  'Delivery date',
  'Invoice address',
  'Payment terms',
  'Bulk discount',
  'Damaged items',
  'Return request',
  'Product availability',
  'Shipping options',
  'Tax exemption certificate',
  'Price match',
  'Account access',
  'Catalog question',
  'Backorder status',
  'Custom packaging',
  'Sample request',
  'Credit limit',
  'Warranty claim',
  'Lead time',
  'Minimum order quantity',
  'Technical datasheet',
];

const sentences = [
  'Could you confirm the delivery date for this order?',
  'We need **500 units** instead of 300.',
  'Is express shipping possible to our Chicago warehouse?',
  'Thanks, that works for us.',
  'The invoice should go to finance@example.com from now on.',
  'Two pallets arrived damaged; photos are attached to the ticket.',
  'I checked with the warehouse: it ships on Monday.',
  'Can you send the updated quote with the new prices?',
  'Our procurement team needs the certificate of origin.',
  'We would like to move to net 60 payment terms.',
  'The item is back in stock next week.',
  'Please split the shipment into two deliveries.',
  'Is there a discount above 1,000 units?',
  'Sure, I have updated the request.',
  'Let me check and come back to you today.',
  'The tracking number is 1Z999AA10123456784.',
  'Could we get the datasheet for item *AX-220*?',
  'Approved from next month.',
  'We received the replacements, thank you!',
  'Any update on this?',
];

/** A pool of message bodies of one to four sentences. */
export function bodyPool(random: Random, size = 2000): string[] {
  return Array.from({ length: size }, () => {
    const n = 1 + Math.floor(random() * random() * 4);
    return Array.from({ length: n }, () => pick(random, sentences)).join(' ');
  });
}
