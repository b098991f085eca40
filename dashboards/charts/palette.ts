/**
 * The one colour palette of every chart: Okabe & Ito's eight colours, distinguishable under
 * the common colour-vision deficiencies (protanopia, deuteranopia, tritanopia) and in greyscale
 * print when paired with the redundant cues the charts add (dash patterns, labels, signs).
 * Charts take colours from here only; no module names a hex code of its own.
 *
 * Reference: Okabe M., Ito K. (2008), "Color Universal Design", https://jfly.uni-koeln.de/color/
 */

/** The Okabe-Ito colours by name. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * Order for categorical series: strongest contrast on white first; yellow (weak on white)
 * and black (reads as "ink") last. Example: `CATEGORICAL[0]` is the first series' colour.
 */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/** Colours with a fixed meaning across all charts. */
export const ROLE = {
  /** The series the chart is about (actuals, this year). */
  primary: OKABE_ITO.blue,
  /** A series compared with it (prior year, plan). */
  comparison: OKABE_ITO.orange,
  /** Target band fill (drawn translucent). */
  target: OKABE_ITO.bluishGreen,
  /** A variance in the good direction. */
  good: OKABE_ITO.bluishGreen,
  /** A variance in the bad direction. */
  bad: OKABE_ITO.vermillion,
  /** Text in the good direction: bluish green darkened to 5.3:1 on white (WCAG AA for small text). */
  goodText: '#007A5A',
  /** Text in the bad direction: vermillion darkened to 5.3:1 on white. */
  badText: '#B34D00',
  /** Plan bars and other reference marks. */
  reference: '#BBBBBB',
  /** Text and axes. */
  ink: '#222222',
  /** Secondary text (value labels, notes). */
  muted: '#555555',
} as const;

/** Colour of the i-th categorical series; more than eight series is an error, not a repeat. */
export function categoricalColor(i: number): string {
  const colour = CATEGORICAL[i];
  if (colour === undefined) throw new RangeError(`at most ${CATEGORICAL.length} series can be coloured apart; got series #${i + 1}`);
  return colour;
}
