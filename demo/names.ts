/**
 * Synthetic personal names for the demo practice's providers and staff. The names are common
 * given names and surnames combined at random; they belong to no one. The lists include names
 * with an accent (é) and an apostrophe (’), so exports in legacy encodings have something to get
 * wrong, and `personNames` guarantees at least one of each in every roster.
 */
import type { Rng } from './random.ts';

const FIRST = [
  'Amelia', 'Benjamin', 'Carmen', 'Daniel', 'Elena', 'Farah', 'Grace', 'Hector', 'Imani', 'Jacob',
  'Keiko', 'Liam', 'Maya', 'Nathan', 'Olivia', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tara',
  'Umar', 'Vanessa', 'Wesley', 'Ximena', 'Yusuf', 'Zara', 'Andrea', 'Brandon', 'Chen', 'Diana',
  'Ethan', 'Fatima', 'Gabriel', 'Hannah', 'Isaac', 'Julia', 'Kevin', 'Leah', 'Marcus', 'Nadia',
  'Owen', 'Paula', 'Rafael', 'Sofia', 'Tomas', 'Uma', 'Victor', 'Wendy',
];
const FIRST_ACCENTED = ['Renée', 'José', 'Chloé', 'André', 'Zoé', 'Noémie'];

const LAST = [
  'Abbott', 'Bennett', 'Castillo', 'Dawson', 'Ellison', 'Fischer', 'Garcia', 'Hartley', 'Ibarra',
  'Jensen', 'Kowalski', 'Lindqvist', 'Morales', 'Nakamura', 'Okafor', 'Patel', 'Quinn', 'Reyes',
  'Sullivan', 'Thornton', 'Underwood', 'Vasquez', 'Whitaker', 'Xu', 'Yamamoto', 'Zimmerman',
  'Alvarez', 'Brooks', 'Chandra', 'Delgado', 'Emerson', 'Foster', 'Gupta', 'Holloway', 'Iverson',
  'Kim', 'Larsen', 'Mbeki', 'Novak', 'Osei', 'Park', 'Ramirez', 'Shah', 'Tanaka', 'Walsh',
];
const LAST_ACCENTED = ['Bélanger', 'Lefèvre', 'Gagné'];
const LAST_APOSTROPHE = ['O’Brien', 'D’Souza', 'O’Neill', 'D’Angelo'];

export interface PersonName {
  readonly first: string;
  readonly last: string;
}

/**
 * `n` distinct names; the first carries an accent and the second an apostrophe, and about one
 * in eight of the rest draws from those lists too.
 */
export function personNames(rng: Rng, n: number): PersonName[] {
  const seen = new Set<string>();
  const out: PersonName[] = [];
  while (out.length < n) {
    const i = out.length;
    const first = i === 0 || rng.chance(0.08) ? rng.pick(FIRST_ACCENTED) : rng.pick(FIRST);
    const last =
      i === 1 || rng.chance(0.06) ? rng.pick(LAST_APOSTROPHE) : rng.chance(0.04) ? rng.pick(LAST_ACCENTED) : rng.pick(LAST);
    const key = `${first} ${last}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ first, last });
  }
  return out;
}
