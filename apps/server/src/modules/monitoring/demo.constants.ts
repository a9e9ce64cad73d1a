/** Codes of the demo indicators (the public portal shows the population one). */
export const DEMO_POPULATION_INDICATOR = 'bevoelkerung_altersgruppen';
export const DEMO_DAYCARE_INDICATOR = 'kinder_in_betreuung';
export const DEMO_RATE_INDICATOR = 'betreuungsquote_u3';
/** Population by single year of age 0–10 (districts and Schulbezirke), for entitlement planning. */
export const DEMO_SINGLE_AGE_INDICATOR = 'bevoelkerung_einzelalter';
/**
 * The Kennzahlenkatalog entries the demo's generated data allow (their small-area variants); the demo
 * applies the catalogue and gets exactly these (checked in catalogue.db.test.ts).
 */
export const DEMO_CATALOGUE_INDICATORS: readonly string[] = [
  DEMO_RATE_INDICATOR,
  'betreuungsquote_3_bis_6',
  'anteil_u3_tageseinrichtung',
  'anteil_u3_tagespflege',
  'anteil_3_bis_6_tageseinrichtung',
  'anteil_unter_6',
  'anteil_6_bis_unter_10',
  'anteil_65_und_aelter',
];
/** Catalogue indicators the demo municipality publishes (with the two above: five public indicators). */
export const DEMO_PUBLISHED_CATALOGUE_INDICATORS: readonly string[] = [
  DEMO_RATE_INDICATOR,
  'betreuungsquote_3_bis_6',
  'anteil_unter_6',
];
